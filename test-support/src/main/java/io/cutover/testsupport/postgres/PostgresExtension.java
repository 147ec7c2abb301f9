package io.cutover.testsupport.postgres;

import java.sql.SQLException;
import java.util.Set;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5: one {@link ThrowawayPostgres} per test JVM (root store, closed when the run ends), a fresh
 * {@link Database} per test class (dropped after the class, pass or fail; {@code @Nested} classes share their
 * enclosing class's), {@link Database} and {@link ThrowawayPostgres} as constructor, lifecycle and test method
 * parameters. After each test it drops the slots and publications that test added (those that existed before it,
 * e.g. from {@code @BeforeAll}, stay until the class's database is dropped).
 */
public final class PostgresExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback,
        ParameterResolver {
    private static final Namespace NS = Namespace.create(PostgresExtension.class);
    private static final String CLUSTER = "cluster";
    private static final String DATABASE = "database";
    private static final String BASELINE = "baseline";

    /** The JVM-wide server; starts it on first use. A failed start is remembered so later classes fail fast. */
    public static ThrowawayPostgres postgres(ExtensionContext context) {
        return context.getRoot().getStore(NS).getOrComputeIfAbsent(CLUSTER, k -> ClusterHolder.start(), ClusterHolder.class).get();
    }

    /** The database of the test class of {@code context}; created on first use. */
    public static Database database(ExtensionContext context) {
        ExtensionContext classContext = classContext(context);
        ClassDatabase existing = classContext.getStore(NS).get(DATABASE, ClassDatabase.class); // also looks in enclosing classes
        if (existing != null) {
            return existing.db;
        }
        ThrowawayPostgres pg = postgres(context);
        String base = classContext.getRequiredTestClass().getSimpleName();
        return classContext.getStore(NS).getOrComputeIfAbsent(DATABASE, k -> new ClassDatabase(pg, pg.createDatabase(base)),
                ClassDatabase.class).db;
    }

    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext c = context;
        while (c.getTestMethod().isPresent() && c.getParent().isPresent()) {
            c = c.getParent().get();
        }
        return c;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        database(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        // remove() only looks at this class's own store: a @Nested class never drops its enclosing class's database
        ClassDatabase owned = context.getStore(NS).remove(DATABASE, ClassDatabase.class);
        if (owned != null) {
            owned.close();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) throws SQLException {
        Database db = database(context);
        ThrowawayPostgres pg = postgres(context);
        context.getStore(NS).put(BASELINE, new Baseline(pg.slots(db), pg.publications(db)));
    }

    @Override
    public void afterEach(ExtensionContext context) throws SQLException {
        Baseline before = context.getStore(NS).remove(BASELINE, Baseline.class);
        if (before != null) {
            postgres(context).dropReplicationSlotsAndPublications(database(context), before.slots, before.publications);
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        return type == Database.class || type == ThrowawayPostgres.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        try {
            return type == Database.class ? database(extensionContext) : postgres(extensionContext);
        } catch (RuntimeException e) {
            throw new ParameterResolutionException("no PostgreSQL for " + parameterContext.getParameter() + ": " + e.getMessage(), e);
        }
    }

    private record Baseline(Set<String> slots, Set<String> publications) {
    }

    /** Closed by JUnit with the root store at the end of the run (AutoCloseable values are closed since 5.13). */
    private static final class ClusterHolder implements AutoCloseable {
        private final ThrowawayPostgres pg;
        private final RuntimeException failure;

        private ClusterHolder(ThrowawayPostgres pg, RuntimeException failure) {
            this.pg = pg;
            this.failure = failure;
        }

        static ClusterHolder start() {
            try {
                return new ClusterHolder(ThrowawayPostgres.start(), null);
            } catch (RuntimeException e) {
                return new ClusterHolder(null, e);
            }
        }

        ThrowawayPostgres get() {
            if (failure != null) {
                throw new IllegalStateException("PostgreSQL for this test run could not be started: " + failure.getMessage(), failure);
            }
            return pg;
        }

        @Override
        public void close() {
            if (pg != null) {
                pg.close();
            }
        }
    }

    /** Dropped in afterAll, or by JUnit closing the class store if afterAll never ran. */
    private static final class ClassDatabase implements AutoCloseable {
        private final ThrowawayPostgres pg;
        private final Database db;
        private boolean dropped;

        ClassDatabase(ThrowawayPostgres pg, Database db) {
            this.pg = pg;
            this.db = db;
        }

        @Override
        public synchronized void close() {
            if (!dropped) {
                dropped = true;
                pg.dropDatabase(db);
            }
        }
    }
}

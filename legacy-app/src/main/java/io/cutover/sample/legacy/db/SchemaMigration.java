package io.cutover.sample.legacy.db;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

import javax.sql.DataSource;
import java.util.logging.Logger;

/**
 * Brings the schema up to date (Flyway, {@code db/migration/V*.sql} on the classpath) when the app starts;
 * a failed migration fails the application start.
 * <p>
 * Liberty's class loader finds files but not directories, so Flyway's classpath scan only finds a location
 * through an empty marker file {@code flyway.location} in it (Flyway's WebSphere workaround):
 * {@code db/migration/flyway.location}, and {@code db/callback/flyway.location} because Flyway always scans
 * that package for Java callbacks and logs an error when it cannot resolve it.
 */
@ApplicationScoped
public class SchemaMigration {

    static final String LOCATION = "classpath:db/migration";
    private static final Logger LOG = Logger.getLogger(SchemaMigration.class.getName());

    @Resource(lookup = "jdbc/legacy")
    DataSource dataSource;

    void onStartup(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        MigrateResult result = Flyway.configure(SchemaMigration.class.getClassLoader())
                .dataSource(dataSource)
                .locations(LOCATION)
                // an empty scan (classpath scanning broken in the container) must not pass for "nothing to do"
                .failOnMissingLocations(true)
                .load()
                .migrate();
        LOG.info(() -> result.migrationsExecuted == 0
                ? "Schema up to date at version " + result.initialSchemaVersion
                : "Schema migrated from version " + result.initialSchemaVersion + " to " + result.targetSchemaVersion
                        + " (" + result.migrationsExecuted + " migrations)");
    }
}

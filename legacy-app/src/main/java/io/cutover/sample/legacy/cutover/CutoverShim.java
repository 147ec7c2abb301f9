package io.cutover.sample.legacy.cutover;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.cutover.flags.shim.LegacyShim;
import io.cutover.flags.shim.ShimHealth;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;

/**
 * What the shop added to adopt Cutover: a thin bean over the toolkit's {@link LegacyShim}, called on the request's
 * own transaction (inside a JTA transaction the container hands every {@code getConnection()} the same physical
 * connection). {@code legacy.cutover.shim.enabled=false} bypasses it entirely: every effect runs as before.
 */
@ApplicationScoped
public class CutoverShim {

    private static final Logger LOG = Logger.getLogger(CutoverShim.class.getName());

    @Resource(lookup = "jdbc/legacy")
    DataSource dataSource;

    @Inject
    @ConfigProperty(name = "legacy.cutover.shim.enabled", defaultValue = "true")
    boolean enabled;

    private LegacyShim shim;
    private Jsonb json;

    @PostConstruct
    void start() {
        json = JsonbBuilder.create();
        if (enabled) {
            shim = LegacyShim.start(dataSource);
        } else {
            LOG.warning("Cutover shim bypassed (legacy.cutover.shim.enabled=false): the legacy path performs every effect");
        }
    }

    /** Read the flags while the application starts, not on the first order. */
    void startWithTheApplication(@Observes @Initialized(ApplicationScoped.class) Object started) {
        health();
    }

    @PreDestroy
    void stop() {
        if (shim != null) {
            shim.close();
        }
    }

    /** True when the legacy code performs this firing of {@code flow}; the decision is stamped in the transaction. */
    public boolean legacyActs(String flow, String occurrenceKey) {
        if (shim == null) {
            return true;
        }
        try (Connection transaction = dataSource.getConnection()) {
            return shim.decide(transaction, flow, occurrenceKey).legacyActs();
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "no connection for the cutover shim; the legacy path acts", e);
            return true;
        }
    }

    /** Journals what the legacy path just did, as JSON, for the shadow comparison. */
    public void journal(String flow, String occurrenceKey, Object effect) {
        if (shim == null) {
            return;
        }
        try (Connection transaction = dataSource.getConnection()) {
            shim.recordLegacyEffect(transaction, flow, occurrenceKey, json.toJson(effect));
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "no connection to journal the legacy effect of " + flow + "/" + occurrenceKey, e);
        }
    }

    /** Null when bypassed. */
    public ShimHealth health() {
        return shim == null ? null : shim.health();
    }
}

package io.cutover.sample.legacy.effects;

import io.cutover.sample.legacy.db.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;

/**
 * Side effect: one {@code audit_log} row per creation and per order state change, in the caller's transaction
 * (rolled back with it).
 */
@ApplicationScoped
public class AuditTrail {

    @Inject
    Jdbc jdbc;

    @Inject
    Clock clock;

    public void created(String entity, long entityId) {
        write(entity, entityId, "CREATED", null, null);
    }

    /** {@code action} is the transition's name ({@code PLACED}, {@code CONFIRMED}, ...); {@code from} is null for a new order. */
    public void orderTransition(long orderId, String action, String from, String to) {
        write("order", orderId, action, from, to);
    }

    private void write(String entity, long entityId, String action, String from, String to) {
        jdbc.update("insert into audit_log (entity, entity_id, action, from_status, to_status, at) "
                + "values (?, ?, ?, ?, ?, ?)", entity, entityId, action, from, to, clock.instant());
    }
}

package io.cutover.consumers.spi;

import java.sql.Connection;
import java.sql.SQLException;

import com.fasterxml.jackson.databind.JsonNode;

import io.cutover.consumers.internal.EffectJson;

/**
 * An effect written to a database. {@link #write} gets the transaction that also inserts the consumer's idempotency
 * mark: the effect commits exactly once, together with the mark. It must not commit or roll back itself.
 *
 * @param <E> the effect, a record named in the past tense ({@code PointsAwarded})
 */
@FunctionalInterface
public interface DatabasePort<E> {

    void write(Connection transaction, E effect) throws SQLException;

    /** The effect descriptor a shadow run records instead of writing; Jackson's view of the record by default. */
    default JsonNode describe(E effect) {
        return EffectJson.describe(effect);
    }
}

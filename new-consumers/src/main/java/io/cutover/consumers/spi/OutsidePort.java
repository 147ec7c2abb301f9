package io.cutover.consumers.spi;

import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;

import io.cutover.consumers.internal.EffectJson;

/**
 * An effect on a system outside the database (SMTP, HTTP). The runtime records the intent before {@link #call} and the
 * completion after it; a call whose completion was never recorded (crash, timeout) is repeated with the same
 * {@code idempotencyKey}, which the port must send along (an {@code Idempotency-Key} header, a mail's
 * {@code Message-ID}) so the receiver can recognise the repeat.
 *
 * @param <E> the effect, a record named in the past tense ({@code ConfirmationMailSent})
 */
@FunctionalInterface
public interface OutsidePort<E> {

    void call(E effect, String idempotencyKey) throws Exception;

    /** Shown in the outbox and in logs. */
    default String name() {
        return "outside";
    }

    /** The effect descriptor a shadow run records instead of calling; Jackson's view of the record by default. */
    default JsonNode describe(E effect) {
        return EffectJson.describe(effect);
    }

    /** {@code OutsidePort.named("warehouse", (shipment, key) -> http.post(shipment, key))}. */
    static <E> OutsidePort<E> named(String name, OutsidePort<E> port) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(port, "port");
        return new OutsidePort<>() {
            @Override
            public void call(E effect, String idempotencyKey) throws Exception {
                port.call(effect, idempotencyKey);
            }

            @Override
            public String name() {
                return name;
            }

            @Override
            public JsonNode describe(E effect) {
                return port.describe(effect);
            }
        };
    }
}

/**
 * The sample shop's five new consumers: the legacy-app's synchronous side effects (confirmation mail, loyalty points,
 * stock reservation, warehouse notification, order audit) re-implemented as event consumers on the toolkit's runtime.
 * Toolkit code never imports this package; it is the sample's, like its event catalog.
 * <p>
 * <b>What they read besides the event.</b> The catalog's payloads are minimal (ids and the changed facts), so the
 * consumers read what they lack from the legacy shop's own tables in the same database: order lines with the products'
 * SKU and name, the customer's name, e-mail and shipping address. Those rows are written before (or in) the
 * transaction that produced the event and the shop never changes them afterwards (no API updates customers, order
 * lines or product names), so a lagging or replayed consumer reads what the legacy path read. Stock counters are the
 * exception: they are changed, in the effect's transaction, never read ahead of it.
 * <p>
 * <b>Guarantees</b> (the runtime's, per effect kind): ledger, stock and audit rows are written in the transaction of
 * the runtime's idempotency mark, exactly once. The warehouse call carries the runtime's idempotency key as
 * {@code Idempotency-Key}: effectively once when the warehouse drops repeats by that header. The mail carries it as
 * {@code X-Idempotency-Key} and in a {@code Message-ID} derived from it: at least once, a rare repeat (crash between
 * the server's 250 and the recorded completion) recognisable by its identical {@code Message-ID}.
 * <p>
 * <b>Where the new path differs from the legacy one, on purpose:</b> a failed mail is retried and then dead-lettered
 * instead of logged and lost; a failed warehouse call or a reservation without enough stock cannot undo the committed
 * confirm or ship (the legacy path answers 502/409 and rolls back), so it is retried and then dead-lettered, and the
 * order's later events wait behind it; rows are stamped with the transition's time from the event, not with the
 * consumer's clock. {@link io.cutover.sample.consumers.LoyaltyRounding#HALF_UP} is the one deliberate functional
 * difference, off by default.
 * <p>
 * <b>Descriptors.</b> Each effect's {@code describe} gives exactly the JSON the legacy path journals for the same
 * firing ({@code OrderService}'s {@code cutover.journal(flow, key, ...)} calls), so the comparator pairs and matches
 * them without per-flow renaming.
 */
package io.cutover.sample.consumers;

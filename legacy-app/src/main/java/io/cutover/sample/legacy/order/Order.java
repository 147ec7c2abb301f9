package io.cutover.sample.legacy.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

public record Order(long id, long customerId, OrderStatus status, BigDecimal total, List<OrderLine> lines,
                    Instant placedAt, Instant confirmedAt, Instant cancelledAt, Instant shippedAt) {
}

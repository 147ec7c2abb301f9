package io.cutover.sample.legacy.customer;

import java.time.Instant;

public record Customer(long id, String name, String email, String shippingAddress, Instant createdAt) {
}

package io.cutover.sample.legacy.customer;

import java.time.Instant;

/** What {@code GET /api/customers/{id}} returns: the customer plus the loyalty balance. */
public record CustomerView(long id, String name, String email, String shippingAddress, long loyaltyPoints,
                           Instant createdAt) {

    static CustomerView of(Customer c, long loyaltyPoints) {
        return new CustomerView(c.id(), c.name(), c.email(), c.shippingAddress(), loyaltyPoints, c.createdAt());
    }
}

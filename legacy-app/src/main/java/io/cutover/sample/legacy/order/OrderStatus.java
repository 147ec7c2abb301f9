package io.cutover.sample.legacy.order;

/**
 * PENDING --confirm--> CONFIRMED --ship--> SHIPPED; PENDING or CONFIRMED --cancel--> CANCELLED.
 * SHIPPED and CANCELLED are final.
 */
public enum OrderStatus {
    PENDING, CONFIRMED, CANCELLED, SHIPPED
}

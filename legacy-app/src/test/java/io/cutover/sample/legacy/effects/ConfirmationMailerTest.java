package io.cutover.sample.legacy.effects;

import io.cutover.sample.legacy.customer.Customer;
import io.cutover.sample.legacy.order.Order;
import io.cutover.sample.legacy.order.OrderLine;
import io.cutover.sample.legacy.order.OrderStatus;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ConfirmationMailerTest {

    static final Instant T = Instant.parse("2026-01-02T03:04:05Z");

    @Test
    void subjectNamesTheOrderAndBodyListsLinesTotalAndAddress() {
        Order order = new Order(42, 7, OrderStatus.CONFIRMED, new BigDecimal("23.50"), List.of(
                new OrderLine(1, 1, "W-1", "Widget", 2, new BigDecimal("9.75"), new BigDecimal("19.50")),
                new OrderLine(2, 2, "B-1", "Bolt", 4, new BigDecimal("1.00"), new BigDecimal("4.00"))),
                T, T, null, null);
        Customer customer = new Customer(7, "Ann Example", "ann@example.test", "1 Road, Town", T);

        assertThat(ConfirmationMailer.subject(order)).isEqualTo("Order 42 confirmed");
        assertThat(ConfirmationMailer.body(order, customer)).contains(
                "Dear Ann Example",
                "  2 x Widget (W-1) at 9.75 = 19.50\n  4 x Bolt (B-1) at 1.00 = 4.00\n",
                "Total: 23.50",
                "1 Road, Town");
    }
}

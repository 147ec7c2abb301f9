package io.cutover.sample.legacy.order;

import io.cutover.sample.legacy.problem.FieldError;
import io.cutover.sample.legacy.problem.InvalidRequestException;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlaceOrderTest {

    @Test
    void namesEveryBadFieldByItsPathInTheBody() {
        PlaceOrder request = new PlaceOrder(null, Arrays.asList(
                new PlaceOrder.Line(1L, 1), null, new PlaceOrder.Line(null, 0), new PlaceOrder.Line(2L, null)));

        assertThatThrownBy(request::validate).isInstanceOfSatisfying(InvalidRequestException.class, e ->
                assertThat(e.fieldErrors()).extracting(FieldError::field).containsExactly(
                        "customerId", "lines[1]", "lines[2].productId", "lines[2].quantity", "lines[3].quantity"));
    }

    @Test
    void anOrderNeedsAtLeastOneLine() {
        assertThatThrownBy(() -> new PlaceOrder(1L, List.of()).validate())
                .isInstanceOfSatisfying(InvalidRequestException.class, e ->
                        assertThat(e.fieldErrors()).containsExactly(new FieldError("lines", "must have at least one line")));
    }

    @Test
    void aWellFormedOrderPasses() {
        new PlaceOrder(1L, List.of(new PlaceOrder.Line(3L, 2))).validate();
    }
}

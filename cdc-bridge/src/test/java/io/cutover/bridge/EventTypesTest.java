package io.cutover.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventTypesTest {

    @ParameterizedTest
    @ValueSource(strings = {"OrderConfirmed", "StockAdjusted", "CustomerRegistered", "MailSent", "InvoicePaid",
            "ItemSold", "ReportWritten", "Order2Shipped", "FeeAgreed"})
    void acceptsPastTense(String type) {
        assertThat(EventTypes.isPastTense(type)).isTrue();
        assertThat(EventTypes.problem(type)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ConfirmOrder", "OrderConfirm", "OrderConfirming", "OrderNeed", "PaymentProceed"})
    void refusesOtherTenses(String type) {
        assertThat(EventTypes.problem(type)).contains("must be past tense").contains("last word");
    }

    @Test
    void needsANounAndAVerb() {
        assertThat(EventTypes.problem("Confirmed")).isEqualTo(
                "event type 'Confirmed' must name the thing and what happened to it, e.g. OrderConfirmed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"orderConfirmed", "Order_Confirmed", "Order Confirmed", "OrderConfirmé", ""})
    void needsUpperCamelCaseAscii(String type) {
        assertThat(EventTypes.problem(type)).contains("must be UpperCamelCase ASCII");
    }
}

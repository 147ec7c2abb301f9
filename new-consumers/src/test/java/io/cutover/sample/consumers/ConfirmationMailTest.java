package io.cutover.sample.consumers;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class ConfirmationMailTest {
    private static final ShopTables.Order ORDER = new ShopTables.Order(42, 7, new BigDecimal("54.98"), List.of(
            new ShopTables.Line(1, 3, "NB-1", "Notebook", 2, new BigDecimal("12.49"), new BigDecimal("24.98")),
            new ShopTables.Line(2, 4, "PEN-2", "Fountain pen", 2, new BigDecimal("15.00"), new BigDecimal("30.00"))));
    private static final ShopTables.Customer ADA = new ShopTables.Customer(7, "Ada Lovelace", "ada@shop.test",
            "12 Analytical Lane, London");

    @Test
    void subjectAndBodyAreTheLegacyMailersCharacterForCharacter() {
        assertThat(ConfirmationMail.subject(42)).isEqualTo("Order 42 confirmed");
        assertThat(ConfirmationMail.body(ORDER, ADA)).isEqualTo("Dear Ada Lovelace,\n\n"
                + "thank you for your order 42. We have confirmed it:\n\n"
                + "  2 x Notebook (NB-1) at 12.49 = 24.98\n"
                + "  2 x Fountain pen (PEN-2) at 15.00 = 30.00\n"
                + "\nTotal: 54.98\n\n"
                + "It will be shipped to:\n  12 Analytical Lane, London\n\n"
                + "Your legacy shop\n");
    }

    @Test
    void theDescriptorIsTheLegacyJournalsAndTheMessageIdFollowsTheIdempotencyKey() {
        ConfirmationMail.ConfirmationMailSent mail = new ConfirmationMail.ConfirmationMailSent(42, "shop@legacy.test",
                "ada@shop.test", "Order 42 confirmed", "...", Instant.EPOCH);
        assertThat(ConfirmationMail.describe(mail)).isEqualTo(
                ShopFixture.json("{\"to\":\"ada@shop.test\",\"subject\":\"Order 42 confirmed\",\"sent\":true}"));
        String id = ConfirmationMail.messageId(mail, "confirmation-mail:e1:0");
        assertThat(id).isEqualTo(ConfirmationMail.messageId(mail, "confirmation-mail:e1:0"))
                .isNotEqualTo(ConfirmationMail.messageId(mail, "confirmation-mail:e2:0"))
                .matches("<order-42\\.[0-9a-f-]{36}@legacy\\.test>");
    }
}

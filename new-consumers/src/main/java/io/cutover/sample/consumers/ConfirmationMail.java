package io.cutover.sample.consumers;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.Properties;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.cutover.consumers.spi.Accepts;
import io.cutover.consumers.spi.Consumer;
import io.cutover.consumers.spi.OutsidePort;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * Flow {@code confirmation-mail}: on {@code OrderConfirmed}, the confirmation e-mail with the legacy mailer's From,
 * subject and body, over real SMTP. Occurrence key: the order id.
 * <p>
 * Unlike the legacy mailer, which logs a failed send and loses the mail, a failure here is retried and then
 * dead-lettered; and the mail goes out after the confirm committed, never for a confirm that rolled back.
 */
public final class ConfirmationMail {
    public static final String FLOW = "confirmation-mail";
    /** Carries the runtime's idempotency key; the {@code Message-ID} is derived from it too. */
    public static final String IDEMPOTENCY_HEADER = "X-Idempotency-Key";

    /** The effect: one mail accepted by the SMTP server. */
    public record ConfirmationMailSent(long orderId, String from, String to, String subject, String body,
            Instant sentAt) {
    }

    private ConfirmationMail() {
    }

    static Consumer consumer(ShopTables shop, OutsidePort<ConfirmationMailSent> smtp, String from) {
        return Consumer.named(FLOW)
                .accepts(Accepts.of(ShopEvents.ORDER_CONFIRMED, ShopEvents.VERSION))
                .fires(FLOW, event -> String.valueOf(ShopEvents.orderId(event)))
                .handles((event, effects) -> {
                    ShopTables.Order order = shop.order(ShopEvents.orderId(event));
                    ShopTables.Customer customer = shop.customer(order.customerId());
                    effects.call(smtp, new ConfirmationMailSent(order.id(), from, customer.email(), subject(order.id()),
                            body(order, customer), effects.now()));
                });
    }

    /** Exactly the legacy {@code ConfirmationMailer.subject}. */
    static String subject(long orderId) {
        return "Order " + orderId + " confirmed";
    }

    /** Exactly the legacy {@code ConfirmationMailer.body}, character for character. */
    static String body(ShopTables.Order order, ShopTables.Customer customer) {
        StringBuilder text = new StringBuilder()
                .append("Dear ").append(customer.name()).append(",\n\n")
                .append("thank you for your order ").append(order.id()).append(". We have confirmed it:\n\n");
        for (ShopTables.Line line : order.lines()) {
            text.append("  ").append(line.quantity()).append(" x ").append(line.productName())
                    .append(" (").append(line.sku()).append(") at ").append(line.unitPrice().toPlainString())
                    .append(" = ").append(line.lineTotal().toPlainString()).append('\n');
        }
        return text.append("\nTotal: ").append(order.total().toPlainString()).append("\n\n")
                .append("It will be shipped to:\n  ").append(customer.shippingAddress()).append("\n\n")
                .append("Your legacy shop\n")
                .toString();
    }

    /**
     * The legacy journal's descriptor {@code {to, subject, sent}}. {@code sent} is true: this path retries until the
     * server accepts, so a legacy {@code "sent": false} (a mail the legacy path lost) shows up as a mismatch.
     */
    static JsonNode describe(ConfirmationMailSent mail) {
        ObjectNode d = JsonNodeFactory.instance.objectNode();
        d.put("to", mail.to());
        d.put("subject", mail.subject());
        d.put("sent", true);
        return d;
    }

    /** The {@code Message-ID} for an idempotency key: the same key always gives the same id, so a resend is recognisable. */
    static String messageId(ConfirmationMailSent mail, String idempotencyKey) {
        String domain = mail.from().substring(mail.from().indexOf('@') + 1);
        return "<order-" + mail.orderId() + "." + UUID.nameUUIDFromBytes(idempotencyKey.getBytes(StandardCharsets.UTF_8))
                + "@" + domain + ">";
    }

    /** Sends through Jakarta Mail (Angus) to the configured server, with the legacy mailer's session settings. */
    static final class Smtp implements OutsidePort<ConfirmationMailSent> {
        private final Session session;

        Smtp(SampleConsumersConfig config) {
            String timeout = String.valueOf(config.smtpTimeout().toMillis());
            Properties props = new Properties();
            props.put("mail.transport.protocol", "smtp");
            props.put("mail.smtp.host", config.smtpHost());
            props.put("mail.smtp.port", String.valueOf(config.smtpPort()));
            props.put("mail.smtp.connectiontimeout", timeout);
            props.put("mail.smtp.timeout", timeout);
            props.put("mail.smtp.writetimeout", timeout);
            this.session = Session.getInstance(props);
        }

        @Override
        public void call(ConfirmationMailSent mail, String idempotencyKey) throws MessagingException {
            String messageId = messageId(mail, idempotencyKey);
            MimeMessage message = new MimeMessage(session) {
                @Override
                protected void updateMessageID() throws MessagingException {
                    setHeader("Message-ID", messageId); // saveChanges would otherwise invent a random one
                }
            };
            message.setFrom(new InternetAddress(mail.from()));
            message.setRecipient(Message.RecipientType.TO, new InternetAddress(mail.to()));
            message.setSubject(mail.subject(), "UTF-8");
            message.setSentDate(Date.from(mail.sentAt()));
            message.setText(mail.body(), "UTF-8");
            message.setHeader(IDEMPOTENCY_HEADER, idempotencyKey);
            Transport.send(message);
        }

        @Override
        public String name() {
            return "smtp";
        }

        @Override
        public JsonNode describe(ConfirmationMailSent mail) {
            return ConfirmationMail.describe(mail);
        }
    }
}

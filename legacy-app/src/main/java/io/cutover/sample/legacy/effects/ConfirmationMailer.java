package io.cutover.sample.legacy.effects;

import io.cutover.sample.legacy.customer.Customer;
import io.cutover.sample.legacy.order.Order;
import io.cutover.sample.legacy.order.OrderLine;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Date;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Side effect: the order confirmation e-mail, sent over SMTP while the confirm request runs (before its commit).
 * A failed send is logged and swallowed: the order is confirmed anyway and no mail is retried.
 */
@ApplicationScoped
public class ConfirmationMailer {

    private static final Logger LOG = Logger.getLogger(ConfirmationMailer.class.getName());

    @Inject
    @ConfigProperty(name = "legacy.smtp.host", defaultValue = "localhost")
    String host;

    @Inject
    @ConfigProperty(name = "legacy.smtp.port", defaultValue = "25")
    int port;

    @Inject
    @ConfigProperty(name = "legacy.smtp.timeout.ms", defaultValue = "5000")
    int timeoutMillis;

    @Inject
    @ConfigProperty(name = "legacy.mail.from", defaultValue = "shop@legacy.test")
    String from;

    private Session session;

    @PostConstruct
    void init() {
        Properties props = new Properties();
        props.put("mail.transport.protocol", "smtp");
        props.put("mail.smtp.host", host);
        props.put("mail.smtp.port", String.valueOf(port));
        props.put("mail.smtp.connectiontimeout", String.valueOf(timeoutMillis));
        props.put("mail.smtp.timeout", String.valueOf(timeoutMillis));
        props.put("mail.smtp.writetimeout", String.valueOf(timeoutMillis));
        session = Session.getInstance(props);
    }

    public static String subject(Order order) {
        return "Order " + order.id() + " confirmed";
    }

    /** True when the SMTP server accepted the mail; a failure is only logged. */
    public boolean sendOrderConfirmation(Order order, Customer customer) {
        try {
            MimeMessage message = new MimeMessage(session);
            message.setFrom(new InternetAddress(from));
            message.setRecipient(Message.RecipientType.TO, new InternetAddress(customer.email()));
            message.setSubject(subject(order), "UTF-8");
            message.setSentDate(new Date());
            message.setText(body(order, customer), "UTF-8");
            Transport.send(message);
            LOG.info(() -> "Confirmation mail for order " + order.id() + " sent to " + customer.email());
            return true;
        } catch (MessagingException e) {
            LOG.log(Level.WARNING, "Confirmation mail for order " + order.id() + " NOT sent (" + host + ":" + port
                    + "): " + e.getMessage(), e);
            return false;
        }
    }

    static String body(Order order, Customer customer) {
        StringBuilder text = new StringBuilder()
                .append("Dear ").append(customer.name()).append(",\n\n")
                .append("thank you for your order ").append(order.id()).append(". We have confirmed it:\n\n");
        for (OrderLine line : order.lines()) {
            text.append("  ").append(line.quantity()).append(" x ").append(line.productName())
                    .append(" (").append(line.sku()).append(") at ").append(line.unitPrice().toPlainString())
                    .append(" = ").append(line.lineTotal().toPlainString()).append('\n');
        }
        return text.append("\nTotal: ").append(order.total().toPlainString()).append("\n\n")
                .append("It will be shipped to:\n  ").append(customer.shippingAddress()).append("\n\n")
                .append("Your legacy shop\n")
                .toString();
    }
}

package io.cutover.testsupport.fakes;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Real SMTP over loopback: Jakarta Mail (Angus) and a hand-written SMTP dialogue. */
class FakeSmtpServerTest {
    private FakeSmtpServer smtp;

    @BeforeEach
    void start() {
        smtp = FakeSmtpServer.start();
    }

    @AfterEach
    void stop() {
        smtp.close();
    }

    private Session session(boolean auth) {
        Properties p = new Properties();
        p.setProperty("mail.smtp.host", smtp.host());
        p.setProperty("mail.smtp.port", Integer.toString(smtp.port()));
        p.setProperty("mail.smtp.auth", Boolean.toString(auth));
        return Session.getInstance(p);
    }

    @Test
    void recordsAMailOnceWithEnvelopeRecipientsSubjectBodyAndHeaders() throws Exception {
        MimeMessage m = new MimeMessage(session(false));
        m.setFrom(new InternetAddress("shop@example.com", "The Shop"));
        m.setRecipients(Message.RecipientType.TO, "alice@example.com, bob@example.com");
        m.setRecipients(Message.RecipientType.CC, "carol@example.com");
        m.setRecipients(Message.RecipientType.BCC, "audit@example.com");
        m.setSubject("Order 42 confirmed", "UTF-8");
        m.setText("Thank you for order 42 – see you soon.", "UTF-8");
        m.setHeader("X-Correlation-Id", "corr-42");

        Transport.send(m); // returns after the server's 250 OK: recorded by then

        assertThat(smtp.received()).hasSize(1);
        ReceivedMail mail = smtp.received().get(0);
        assertThat(mail.from()).isEqualTo("shop@example.com");
        assertThat(mail.to()).containsExactlyInAnyOrder("alice@example.com", "bob@example.com", "carol@example.com", "audit@example.com");
        assertThat(mail.subject()).isEqualTo("Order 42 confirmed");
        assertThat(mail.body()).isEqualTo("Thank you for order 42 – see you soon.");
        assertThat(mail.headers()).containsEntry("X-Correlation-Id", "corr-42");
        assertThat(mail.headers().get("x-correlation-id")).as("case-insensitive").isEqualTo("corr-42");
        assertThat(mail.headers().get("to")).contains("alice@example.com").doesNotContain("audit@example.com");
        assertThat(smtp.receivedBy("AUDIT@example.com")).containsExactly(mail);
        assertThat(smtp.receivedBy("nobody@example.com")).isEmpty();
    }

    @Test
    void keepsArrivalOrderTakesThePlainPartOfMultipartAndAcceptsAnyLogin() throws Exception {
        for (int i = 1; i <= 3; i++) {
            MimeMessage m = new MimeMessage(session(true));
            m.setFrom("legacy@example.com");
            m.setRecipients(Message.RecipientType.TO, "customer@example.com");
            m.setSubject("mail " + i);
            MimeBodyPart plain = new MimeBodyPart();
            plain.setText("plain " + i, "UTF-8");
            MimeBodyPart html = new MimeBodyPart();
            html.setContent("<p>html " + i + "</p>", "text/html; charset=UTF-8");
            m.setContent(new MimeMultipart("alternative", html, plain));
            Transport.send(m, "any-user", "any-password");
        }
        assertThat(smtp.received()).extracting(ReceivedMail::subject).containsExactly("mail 1", "mail 2", "mail 3");
        assertThat(smtp.received()).extracting(ReceivedMail::body).containsExactly("plain 1", "plain 2", "plain 3");
    }

    @Test
    void acceptsARawSmtpDialogue() throws Exception {
        try (Socket s = new Socket(smtp.host(), smtp.port());
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
                PrintWriter out = new PrintWriter(new OutputStreamWriter(s.getOutputStream(), StandardCharsets.US_ASCII))) {
            assertThat(in.readLine()).startsWith("220");
            String[][] dialogue = {
                {"HELO test", "250"}, {"MAIL FROM:<raw@example.com>", "250"}, {"RCPT TO:<warehouse@example.com>", "250"},
                {"DATA", "354"}, {"Subject: raw\r\nFrom: raw@example.com\r\n\r\nhello raw\r\n.", "250"}, {"QUIT", "221"}};
            for (String[] step : dialogue) {
                out.print(step[0] + "\r\n");
                out.flush();
                assertThat(in.readLine()).as(step[0]).startsWith(step[1]);
            }
        }
        assertThat(smtp.receivedBy("warehouse@example.com")).singleElement()
                .satisfies(m -> {
                    assertThat(m.subject()).isEqualTo("raw");
                    assertThat(m.from()).isEqualTo("raw@example.com");
                    assertThat(m.body()).isEqualTo("hello raw");
                });
    }

    @Test
    void resetForgetsEverythingAndKeepsThePort() throws Exception {
        int port = smtp.port();
        MimeMessage m = new MimeMessage(session(false));
        m.setFrom("a@example.com");
        m.setRecipients(Message.RecipientType.TO, "b@example.com");
        m.setText("x");
        Transport.send(m);
        assertThat(smtp.received()).hasSize(1);

        smtp.reset();

        assertThat(smtp.received()).isEmpty();
        assertThat(smtp.port()).isEqualTo(port);
        Transport.send(m);
        assertThat(smtp.received()).hasSize(1);
    }
}

package io.cutover.testsupport.fakes;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.smtp.SmtpServer;
import java.net.Socket;
import java.net.SocketException;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.mail.MailAddress;
import com.icegreen.greenmail.mail.MovingMessage;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.user.MessageDeliveryHandler;
import com.icegreen.greenmail.user.UserManager;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * Loopback SMTP server (GreenMail) that records each message once, in arrival order, with its envelope
 * recipients. Any AUTH credentials are accepted. Recording happens before the server answers "250 OK" to DATA,
 * so a mail is in {@link #received()} as soon as the sender's {@code Transport.send} returned.
 */
public final class FakeSmtpServer implements AutoCloseable {
    private final GreenMail greenMail;
    private final List<ReceivedMail> received = Collections.synchronizedList(new ArrayList<>());
    /** GreenMail calls the delivery handler once per recipient; we record once per message. */
    private final Set<MovingMessage> seen = Collections.newSetFromMap(new WeakHashMap<>());

    private FakeSmtpServer(GreenMail greenMail) {
        this.greenMail = greenMail;
    }

    /** Starts on 127.0.0.1, on a free port. */
    public static FakeSmtpServer start() {
        GreenMail gm = new NoDelayGreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort())
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        gm.start();
        FakeSmtpServer server = new FakeSmtpServer(gm);
        UserManager users = gm.getUserManager();
        MessageDeliveryHandler delegate = users.getMessageDeliveryHandler();
        users.setMessageDeliveryHandler((msg, address) -> {
            server.record(msg);
            return delegate.handle(msg, address);
        });
        return server;
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return greenMail.getSmtp().getPort();
    }

    /** Snapshot of everything received since start or the last {@link #reset()}, in arrival order. */
    public List<ReceivedMail> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** Messages whose envelope recipients include {@code recipient} (case-insensitive). */
    public List<ReceivedMail> receivedBy(String recipient) {
        return received().stream().filter(m -> m.to().stream().anyMatch(t -> t.equalsIgnoreCase(recipient))).toList();
    }

    /** Forgets everything received. The port stays the same. */
    public void reset() {
        synchronized (received) {
            received.clear();
        }
        try {
            greenMail.purgeEmailFromAllMailboxes();
        } catch (FolderException e) {
            throw new IllegalStateException("cannot purge GreenMail mailboxes", e);
        }
    }

    @Override
    public void close() {
        greenMail.stop();
    }

    private void record(MovingMessage msg) throws MessagingException {
        synchronized (seen) {
            if (!seen.add(msg)) {
                return;
            }
        }
        MimeMessage m = msg.getMessage();
        List<String> to = msg.getToAddresses().stream().map(MailAddress::getEmail).toList();
        String from = null;
        Address[] fromHeader = m.getFrom();
        if (fromHeader != null && fromHeader.length > 0) {
            from = fromHeader[0] instanceof InternetAddress ia ? ia.getAddress() : fromHeader[0].toString();
        } else if (msg.getReturnPath() != null) {
            from = msg.getReturnPath().getEmail();
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (Enumeration<Header> e = m.getAllHeaders(); e.hasMoreElements(); ) {
            Header h = e.nextElement();
            headers.merge(h.getName(), h.getValue(), (a, b) -> a + ", " + b);
        }
        received.add(new ReceivedMail(from, to, m.getSubject(), text(m), headers));
    }

    /** The text/plain part if there is one, else the first text part, else "". */
    private static String text(Part part) throws MessagingException {
        try {
            String plain = find(part, "text/plain");
            return plain != null ? plain : firstNonNull(find(part, "text/"), "");
        } catch (IOException e) {
            throw new MessagingException("cannot read message body", e);
        }
    }

    private static String find(Part part, String typePrefix) throws MessagingException, IOException {
        String type = part.getContentType() == null ? "text/plain" : part.getContentType().toLowerCase(Locale.ROOT);
        Object content = part.getContent();
        if (content instanceof Multipart mp) {
            for (int i = 0; i < mp.getCount(); i++) {
                BodyPart bp = mp.getBodyPart(i);
                String found = find(bp, typePrefix);
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
        return type.startsWith(typePrefix) && content instanceof String s ? s : null;
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }

    /**
     * GreenMail writes its multi-line EHLO answer line by line on a socket with Nagle's algorithm on; against the
     * client's delayed ACK that stalls every mail by about 40 ms. A real MTA answers in one write; so do we.
     */
    private static final class NoDelayGreenMail extends GreenMail {
        NoDelayGreenMail(ServerSetup setup) {
            super(setup);
        }

        @Override
        protected Map<String, AbstractServer> createServices(ServerSetup[] config, Managers managers) {
            Map<String, AbstractServer> services = super.createServices(config, managers);
            services.replaceAll((protocol, server) -> server instanceof SmtpServer
                    ? new NoDelaySmtpServer(server.getServerSetup(), managers) : server);
            return services;
        }
    }

    private static final class NoDelaySmtpServer extends SmtpServer {
        NoDelaySmtpServer(ServerSetup setup, Managers managers) {
            super(setup, managers);
        }

        @Override
        protected void handleClientSocket(Socket clientSocket) throws SocketException {
            clientSocket.setTcpNoDelay(true);
            super.handleClientSocket(clientSocket);
        }
    }
}

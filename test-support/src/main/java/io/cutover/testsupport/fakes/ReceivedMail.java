package io.cutover.testsupport.fakes;

import java.util.List;
import java.util.Map;

/**
 * One message as {@link FakeSmtpServer} received it: {@code from} = the From header's address (the envelope sender
 * if there is none), {@code to} = the SMTP envelope recipients (so Cc and Bcc are included), {@code body} = the text
 * (the text/plain part of a multipart message, else its first text part), {@code headers} = every header, looked up
 * case-insensitively, repeated headers joined with ", ".
 */
public record ReceivedMail(String from, List<String> to, String subject, String body, Map<String, String> headers) {
    public ReceivedMail {
        to = List.copyOf(to);
        headers = Headers.caseInsensitiveCopy(headers);
    }
}

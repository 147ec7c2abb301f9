package io.cutover.testsupport.fakes;

import java.time.Instant;
import java.util.Map;

/**
 * One request {@link FakeWarehouse} received: {@code path} is the raw path plus {@code ?query} when there is one;
 * {@code headers} are looked up case-insensitively (repeated headers joined with ", "); {@code body} is UTF-8 text.
 */
public record ReceivedRequest(String method, String path, Map<String, String> headers, String body, Instant receivedAt) {
    public ReceivedRequest {
        headers = Headers.caseInsensitiveCopy(headers);
    }

    /** The header's value or null; the name is case-insensitive. */
    public String header(String name) {
        return headers.get(name);
    }
}

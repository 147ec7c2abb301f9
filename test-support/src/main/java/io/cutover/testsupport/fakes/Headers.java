package io.cutover.testsupport.fakes;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** Header names are case-insensitive on the wire (SMTP and HTTP), so the recorded maps are too. */
final class Headers {
    private Headers() {
    }

    static Map<String, String> caseInsensitiveCopy(Map<String, String> headers) {
        Map<String, String> m = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            m.putAll(headers);
        }
        return Collections.unmodifiableMap(m);
    }
}

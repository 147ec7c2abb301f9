package io.cutover.bridge.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/** Name-based (RFC 4122 version 5, SHA-1) ids: the same inputs always give the same id, across JVMs and restarts. */
public final class EventIds {
    /** Fixed namespace for Cutover's ids; changing it would change every event id. */
    static final UUID NAMESPACE = UUID.fromString("6f1c3b52-2d0e-4d8e-9a55-3c0b8e6a1f20");
    /**
     * A digest that has hashed the namespace, cloned per id: looking up a provider per id was a visible part of the
     * bridge's mapping time, and a MessageDigest is not thread-safe.
     */
    private static final ThreadLocal<MessageDigest> PREPARED = ThreadLocal.withInitial(EventIds::namespaceDigest);

    private EventIds() {
    }

    /** A v5 UUID of the parts joined by a separator that cannot occur in them unescaped. */
    public static UUID nameBased(String... parts) {
        StringBuilder name = new StringBuilder();
        for (String part : parts) {
            // length-prefixed, so ("a|b","c") and ("a","b|c") never collide
            String p = part == null ? "\u0000" : part;
            name.append(p.length()).append(':').append(p).append('|');
        }
        MessageDigest sha1 = PREPARED.get();
        byte[] hash;
        try {
            hash = ((MessageDigest) sha1.clone()).digest(name.toString().getBytes(StandardCharsets.UTF_8));
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the platform's SHA-1 cannot be cloned", e);
        }
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x50); // version 5
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80); // IETF variant
        ByteBuffer b = ByteBuffer.wrap(hash, 0, 16);
        return new UUID(b.getLong(), b.getLong());
    }

    private static MessageDigest namespaceDigest() {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(ByteBuffer.allocate(16).putLong(NAMESPACE.getMostSignificantBits())
                    .putLong(NAMESPACE.getLeastSignificantBits()).array());
            return sha1;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required by every Java platform", e);
        }
    }
}

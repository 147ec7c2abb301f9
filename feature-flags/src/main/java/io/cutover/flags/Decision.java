package io.cutover.flags;

/**
 * The path chosen for one firing of a flow, stamped in the legacy transaction. Consumers obey the stamp, never the
 * flag's current value; no stamp at all means the legacy path acted.
 */
public enum Decision {
    /** The legacy path acts; the new consumer does nothing. */
    LEGACY,
    /** The legacy path acts; the new consumer runs for real but only records its would-be effect. */
    SHADOW,
    /** The new consumer acts; the legacy path skips its side effect. */
    NEW;

    public boolean legacyActs() {
        return this != NEW;
    }
}

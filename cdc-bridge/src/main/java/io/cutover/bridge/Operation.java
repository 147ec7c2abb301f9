package io.cutover.bridge;

import java.util.Locale;

/** The kind of row change a catalog entry reacts to. */
public enum Operation {
    INSERT, UPDATE, DELETE;

    /** Lower case, as written in the catalog. */
    public String catalogName() {
        return name().toLowerCase(Locale.ROOT);
    }
}

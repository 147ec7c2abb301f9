package io.cutover.bridge.yaml;

/**
 * A configuration file that cannot be used: {@code file:line: field: reason}. Readers of a particular file (catalog,
 * comparator, plan) re-throw it as their own module's exception or collect it as one problem among several.
 */
public final class YamlException extends RuntimeException {
    private final String file;
    private final int line;
    private final String field;
    private final String reason;

    /** {@code line} is 1-based, 0 when unknown; {@code field} is a path like {@code flows[0].gate}, empty for the file. */
    public YamlException(String file, int line, String field, String reason) {
        super(file + ":" + line + ":" + (field.isEmpty() ? "" : " " + field + ":") + " " + reason);
        this.file = file;
        this.line = line;
        this.field = field;
        this.reason = reason;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return reason;
    }
}

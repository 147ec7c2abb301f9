package io.cutover.sample.legacy.problem;

import java.sql.SQLException;

/** A database call failed: wraps {@link SQLException} at the DAO boundary; reported as 500. */
public class DataAccessException extends LegacyException {

    public DataAccessException(String sql, SQLException cause) {
        super("Database call failed: " + cause.getMessage() + " [" + sql + "]", cause);
    }

    /** SQL and driver messages stay in the server log. */
    @Override
    public String detail() {
        return "A database call failed; see the server log";
    }

    @Override
    public int status() {
        return 500;
    }

    @Override
    public String problemType() {
        return "internal-error";
    }

    @Override
    public String title() {
        return "Internal error";
    }
}

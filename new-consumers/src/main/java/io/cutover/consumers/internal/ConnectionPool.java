package io.cutover.consumers.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import javax.sql.DataSource;

/**
 * Keeps a few connections open: a plain DataSource opens one per call (TCP + auth, milliseconds), which would
 * dominate the cost of a small effect. Harmless on top of a pooled DataSource.
 */
final class ConnectionPool implements AutoCloseable {
    private final DataSource dataSource;
    private final BlockingQueue<Connection> idle;

    ConnectionPool(DataSource dataSource, int size) {
        this.dataSource = dataSource;
        this.idle = new ArrayBlockingQueue<>(size);
    }

    /** An open connection in auto-commit mode. */
    Connection borrow() throws SQLException {
        Connection c;
        while ((c = idle.poll()) != null) {
            if (!c.isClosed()) {
                return c;
            }
        }
        return dataSource.getConnection();
    }

    /** Back to the pool when healthy; a connection whose transaction could not be ended is closed. */
    void release(Connection c) {
        if (c == null) {
            return;
        }
        try {
            if (!c.isClosed()) {
                if (!c.getAutoCommit()) {
                    c.rollback();
                    c.setAutoCommit(true);
                }
                if (idle.offer(c)) {
                    return;
                }
            }
        } catch (SQLException e) {
            // broken: close it below
        }
        closeQuietly(c);
    }

    /** For connections that failed mid-statement: never reuse. */
    void discard(Connection c) {
        closeQuietly(c);
    }

    @Override
    public void close() {
        Connection c;
        while ((c = idle.poll()) != null) {
            closeQuietly(c);
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            // nothing left to do with it
        }
    }
}

package io.cutover.testsupport.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/** One running (or attached) PostgreSQL server, as seen by {@link ThrowawayPostgres}. */
interface Server {
    String kind();

    String host();

    int port();

    /** The database admin connections use when they need none in particular. */
    String maintenanceDatabase();

    /** A new connection with admin rights (superuser for clusters we start) to {@code database}. */
    Connection adminConnection(String database) throws SQLException;

    /** Data directory of a cluster we started; empty for an external server. */
    Optional<java.nio.file.Path> dataDirectory();

    /** Stops a cluster we started and deletes its files; no-op for an external server. */
    void stop() throws Exception;
}

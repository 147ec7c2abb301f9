package io.cutover.plan.cli;

import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;

import picocli.CommandLine.Option;

/** Where the flag store is: the legacy database (or wherever the cutover schema lives). */
final class FlagStoreOptions {

    @Option(names = "--jdbc-url", paramLabel = "URL",
            description = "JDBC URL of the database with the cutover schema (env CUTOVER_JDBC_URL)")
    String url;

    @Option(names = "--jdbc-user", paramLabel = "USER",
            description = "database user (env CUTOVER_JDBC_USER)")
    String user;

    /** Only from the environment: a password on the command line ends up in shell history and ps. */
    String password;

    DataSource dataSource() {
        if (url == null || url.isBlank()) {
            throw new MissingDatabaseException();
        }
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(url);
        if (user != null && !user.isBlank()) {
            dataSource.setUser(user);
        }
        if (password != null) {
            dataSource.setPassword(password);
        }
        return dataSource;
    }

    static final class MissingDatabaseException extends RuntimeException {
        MissingDatabaseException() {
            super("no database given: set CUTOVER_JDBC_URL (and CUTOVER_JDBC_USER, CUTOVER_JDBC_PASSWORD) or pass --jdbc-url");
        }
    }
}

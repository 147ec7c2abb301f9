package io.cutover.plan.cli;

import java.util.Map;

import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;

import picocli.CommandLine.Option;

/** Where the flag store is: the legacy database (or wherever the cutover schema lives). */
final class FlagStoreOptions {

    /** Options whose default comes from the environment (resolved by the CLI's default-value provider). */
    private static final Map<String, String> FROM_ENVIRONMENT = Map.of(
            "--jdbc-url", "CUTOVER_JDBC_URL",
            "--jdbc-user", "CUTOVER_JDBC_USER");

    @Option(names = "--jdbc-url", paramLabel = "URL",
            description = "JDBC URL of the database with the cutover schema (env CUTOVER_JDBC_URL)")
    String url;

    @Option(names = "--jdbc-user", paramLabel = "USER",
            description = "database user (env CUTOVER_JDBC_USER)")
    String user;

    /** Only from the environment: a password on the command line ends up in shell history and ps. */
    String password;

    static String environmentDefault(String option, Map<String, String> environment) {
        String variable = FROM_ENVIRONMENT.get(option);
        return variable == null ? null : environment.get(variable);
    }

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

package io.cutover.plan.cli;

import io.cutover.plan.client.AdminClient;

import picocli.CommandLine.Option;

/** Where the cutover WAR's admin API is and who calls it; the password comes from CUTOVER_ADMIN_PASSWORD only. */
final class AdminApiOptions {

    @Option(names = "--admin-url", paramLabel = "URL",
            description = "base URL of the cutover WAR, e.g. http://localhost:9081/cutover (env CUTOVER_ADMIN_URL)")
    String url;

    @Option(names = "--admin-user", paramLabel = "USER",
            description = "admin API user; changes need the operator role (env CUTOVER_ADMIN_USER)")
    String user;

    AdminClient client(String password) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("no admin API given: set CUTOVER_ADMIN_URL (e.g. http://localhost:9081/cutover)"
                    + " or pass --admin-url");
        }
        if (user == null || user.isBlank() || password == null) {
            throw new IllegalArgumentException("the admin API needs credentials: set CUTOVER_ADMIN_USER and CUTOVER_ADMIN_PASSWORD");
        }
        return new AdminClient(url, user, password);
    }
}

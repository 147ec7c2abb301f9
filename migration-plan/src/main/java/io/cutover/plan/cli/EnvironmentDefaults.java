package io.cutover.plan.cli;

import java.util.Map;

import io.cutover.plan.PlanFile;

/** Options whose default comes from the environment; passwords are read from the environment only, never options. */
final class EnvironmentDefaults {

    private static final Map<String, String> VARIABLES = Map.of(
            "--jdbc-url", "CUTOVER_JDBC_URL",
            "--jdbc-user", "CUTOVER_JDBC_USER",
            "--admin-url", "CUTOVER_ADMIN_URL",
            "--admin-user", "CUTOVER_ADMIN_USER",
            PlanOptions.OPTION, PlanFile.ENVIRONMENT);

    private EnvironmentDefaults() {
    }

    static String of(String option, Map<String, String> environment) {
        String variable = VARIABLES.get(option);
        return variable == null ? null : environment.get(variable);
    }
}

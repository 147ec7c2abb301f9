package io.cutover.sample.legacy.it;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts the {@link LegacyEnvironment} once per test JVM (JUnit root store: closed at the very end, after
 * Arquillian has stopped Liberty). Also loaded inside Liberty for in-container tests, where it does nothing:
 * the nested {@link Holder} keeps PostgreSQL/GreenMail classes from ever being linked there.
 */
public class LegacyEnvironmentExtension implements BeforeAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(LegacyEnvironmentExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        // Arquillian re-runs JUnit inside the container with this configuration parameter
        boolean inContainer = context.getConfigurationParameter("insideArquillian").map(Boolean::parseBoolean)
                .orElse(false);
        if (!inContainer) {
            Holder.start(context);
        }
    }

    static final class Holder {
        private Holder() {
        }

        static void start(ExtensionContext context) {
            context.getRoot().getStore(NAMESPACE)
                    .getOrComputeIfAbsent(LegacyEnvironment.class, k -> LegacyEnvironment.start(), LegacyEnvironment.class);
        }
    }
}

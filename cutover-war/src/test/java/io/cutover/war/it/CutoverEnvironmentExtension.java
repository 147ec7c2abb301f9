package io.cutover.war.it;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Starts the {@link CutoverEnvironment} once per test JVM, before Arquillian starts Liberty; closed at the very end. */
public class CutoverEnvironmentExtension implements BeforeAllCallback {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(CutoverEnvironmentExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(CutoverEnvironment.class,
                k -> CutoverEnvironment.start(), CutoverEnvironment.class);
    }
}

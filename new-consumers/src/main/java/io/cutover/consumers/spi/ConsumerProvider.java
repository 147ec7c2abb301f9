package io.cutover.consumers.spi;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import javax.sql.DataSource;

import io.cutover.consumers.ConsumerException;

/**
 * Supplies the new consumers of one legacy application to a host that does not know that application (the cutover
 * WAR, the CLI): the host names the provider's class in its configuration and hands it the database and its
 * configuration lookup.
 *
 * <pre>{@code
 * ConsumerProvider provider = ConsumerProvider.byClassName("com.acme.AcmeConsumers", loader);
 * List<Consumer> consumers = provider.consumers(dataSource, key -> config.getOptionalValue(key, String.class));
 * }</pre>
 */
@FunctionalInterface
public interface ConsumerProvider {

    /**
     * The consumers, configured from {@code config} (a missing or bad key is an {@link IllegalArgumentException} that
     * names it).
     *
     * @param dataSource the database the consumer runtime runs on (the legacy database)
     * @param config     the host's configuration, by key
     */
    List<Consumer> consumers(DataSource dataSource, Function<String, Optional<String>> config);

    /** The provider class {@code className} (public, with a public no-argument constructor), loaded by {@code loader}. */
    static ConsumerProvider byClassName(String className, ClassLoader loader) {
        Objects.requireNonNull(loader, "loader");
        if (className == null || className.isBlank()) {
            throw new ConsumerException("no consumer provider named: set the provider's class name");
        }
        try {
            Class<?> type = Class.forName(className.strip(), true, loader);
            if (!ConsumerProvider.class.isAssignableFrom(type)) {
                throw new ConsumerException(className + " does not implement " + ConsumerProvider.class.getName());
            }
            return (ConsumerProvider) type.getConstructor().newInstance();
        } catch (ClassNotFoundException e) {
            throw new ConsumerException("consumer provider " + className + " not found on the class path", e);
        } catch (ReflectiveOperationException e) {
            throw new ConsumerException("consumer provider " + className
                    + " needs a public no-argument constructor: " + e, e);
        }
    }
}

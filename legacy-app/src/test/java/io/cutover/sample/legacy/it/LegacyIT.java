package io.cutover.sample.legacy.it;

import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an Arquillian IT of the legacy app. The order matters: {@link LegacyEnvironmentExtension} starts
 * PostgreSQL and the fakes before {@link ArquillianExtension} starts Liberty with their ports. Every Arquillian IT
 * class of this module must carry it (whichever class runs first starts Liberty).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith({LegacyEnvironmentExtension.class, ArquillianExtension.class})
public @interface LegacyIT {
}

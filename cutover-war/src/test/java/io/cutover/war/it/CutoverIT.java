package io.cutover.war.it;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An Arquillian IT of the cutover WAR beside the legacy WAR on one Liberty server. The order matters: the environment
 * (PostgreSQL, fakes, secrets) exists before Arquillian starts Liberty with it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith({CutoverEnvironmentExtension.class, ArquillianExtension.class})
public @interface CutoverIT {
}

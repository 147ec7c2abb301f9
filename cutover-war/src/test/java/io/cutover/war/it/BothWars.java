package io.cutover.war.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;

/**
 * The same-server setup of every IT here: the legacy shop's WAR first (the bridge checks its tables), then cutover,
 * both as built and driven from outside; each test starts once the cutover host runs.
 */
@CutoverIT
@RunAsClient
abstract class BothWars {
    final CutoverEnvironment env = CutoverEnvironment.current();

    @Deployment(name = "legacy-shop", order = 1, testable = false)
    static WebArchive legacyShop() {
        return Deployments.legacyShop();
    }

    @Deployment(name = "cutover", order = 2, testable = false)
    static WebArchive cutover() {
        return Deployments.cutover();
    }

    @BeforeEach
    void cutoverStarted() {
        env.awaitCutoverStarted();
    }
}

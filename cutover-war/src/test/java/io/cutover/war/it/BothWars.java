package io.cutover.war.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;

/**
 * The same-server setup of every IT here: both WARs as built, driven from outside. Cutover is deployed first, as a
 * server of its own may well start before the legacy application has created its tables: its host then retries until
 * they exist. Each test starts once the host runs.
 */
@CutoverIT
@RunAsClient
abstract class BothWars {
    final CutoverEnvironment env = CutoverEnvironment.current();

    @Deployment(name = "legacy-shop", order = 2, testable = false)
    static WebArchive legacyShop() {
        return Deployments.legacyShop();
    }

    @Deployment(name = "cutover", order = 1, testable = false)
    static WebArchive cutover() {
        return Deployments.cutover();
    }

    @BeforeEach
    void cutoverStarted() {
        env.awaitCutoverStarted();
    }
}

package io.cutover.war.it;

import java.io.File;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** Both WARs as the build produced them. */
final class Deployments {

    private Deployments() {
    }

    static WebArchive legacyShop() {
        return built("legacy.war", "legacy-app.war");
    }

    static WebArchive cutover() {
        return built("cutover.war", "cutover.war");
    }

    private static WebArchive built(String property, String name) {
        File war = new File(System.getProperty(property, "target/" + name));
        if (!war.isFile()) {
            throw new IllegalStateException("built WAR not found at " + war.getAbsolutePath() + " (run mvn verify)");
        }
        return ShrinkWrap.createFromZipFile(WebArchive.class, war);
    }
}

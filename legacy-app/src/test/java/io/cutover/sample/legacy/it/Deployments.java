package io.cutover.sample.legacy.it;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import java.io.File;
import java.util.Map;
import java.util.stream.Collectors;

/** The WAR under test is the one the build produced ({@code target/legacy-app.war}), not a hand-picked subset. */
final class Deployments {

    private Deployments() {
    }

    /** As built; context root {@code /legacy-app}. */
    static WebArchive legacyApp() {
        String path = System.getProperty("legacy.war", "target/legacy-app.war");
        File war = new File(path);
        if (!war.isFile()) {
            throw new IllegalStateException("Built WAR not found at " + war.getAbsolutePath() + " (run mvn verify)");
        }
        return ShrinkWrap.createFromZipFile(WebArchive.class, war);
    }

    /** The built WAR under another name and context root, for in-container tests or a second configuration. */
    static WebArchive legacyApp(String name) {
        return ShrinkWrap.create(WebArchive.class, name + ".war").merge(legacyApp());
    }

    /**
     * The built WAR plus a {@code META-INF/microprofile-config.properties} whose ordinal beats the Liberty JVM's
     * system properties: the same server, the app pointed elsewhere.
     */
    static WebArchive legacyAppWithConfig(String name, Map<String, String> config) {
        String properties = "config_ordinal=900\n" + config.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n", "", "\n"));
        return legacyApp(name).addAsResource(new StringAsset(properties), "META-INF/microprofile-config.properties");
    }
}

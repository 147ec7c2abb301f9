package io.cutover.plan.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.cutover.bridge.BridgeConfigException;
import io.cutover.plan.PlanException;

class HostSettingsTest {
    @TempDir
    Path dir;
    private final Map<String, String> config = new HashMap<>();

    private HostSettings read() {
        return HostSettings.from(key -> Optional.ofNullable(config.get(key)));
    }

    private void minimal() throws Exception {
        config.put("cutover.bridge.name", "shop");
        config.put("cutover.bridge.db.name", "legacy");
        config.put("cutover.bridge.db.user", "cutover");
        config.put("cutover.catalog", Files.writeString(dir.resolve("catalog.yaml"), "events: []").toString());
    }

    @Test
    void readsDefaultsForEverythingButTheBridgeAndTheCatalog() throws Exception {
        minimal();

        HostSettings settings = read();

        assertThat(settings.bridge().slotName()).isEqualTo("cutover_shop");
        assertThat(settings.comparator()).isEmpty();
        assertThat(settings.plan()).isEmpty();
        assertThat(settings.flows()).isEmpty();
        assertThat(settings.comparisonInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.maxReadySlotLagBytes()).isEqualTo(64L * 1024 * 1024);
    }

    @Test
    void splitsTheFlowList() throws Exception {
        minimal();
        config.put("cutover.flows", " confirmation-mail, ,loyalty-points ");

        assertThat(read().flows()).containsExactly("confirmation-mail", "loyalty-points");
    }

    @Test
    void refusesAMissingCatalogNamingTheKey() throws Exception {
        minimal();
        config.remove("cutover.catalog");
        assertThatThrownBy(this::read).isInstanceOf(PlanException.class).hasMessageStartingWith("cutover.catalog: required");

        config.put("cutover.catalog", dir.resolve("nope.yaml").toString());
        assertThatThrownBy(this::read).isInstanceOf(PlanException.class)
                .hasMessageStartingWith("cutover.catalog: no such file");
    }

    @Test
    void refusesBadNumbersNamingTheKey() throws Exception {
        minimal();
        config.put("cutover.comparison.interval-ms", "often");
        assertThatThrownBy(this::read).isInstanceOf(PlanException.class)
                .hasMessage("cutover.comparison.interval-ms: must be a whole number, was 'often'");

        config.put("cutover.comparison.interval-ms", "10");
        assertThatThrownBy(this::read).hasMessageStartingWith("cutover.comparison.interval-ms: must be >= 100 ms");
    }

    @Test
    void passesBridgeProblemsOnWithTheirKey() throws Exception {
        minimal();
        config.remove("cutover.bridge.db.user");

        assertThatThrownBy(this::read).isInstanceOf(BridgeConfigException.class)
                .hasMessageStartingWith("cutover.bridge.db.user: required");
    }
}

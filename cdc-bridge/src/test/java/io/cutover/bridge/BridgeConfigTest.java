package io.cutover.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class BridgeConfigTest {

    private static Map<String, String> minimal() {
        Map<String, String> m = new HashMap<>();
        m.put("cutover.bridge.name", "shop");
        m.put("cutover.bridge.db.name", "legacy");
        m.put("cutover.bridge.db.user", "cutover");
        return m;
    }

    private static Map<String, String> with(String key, String value) {
        Map<String, String> m = minimal();
        m.put(key, value);
        return m;
    }

    @Test
    void fillsEveryOptionalKeyWithItsDocumentedDefault() {
        BridgeConfig c = BridgeConfig.from(minimal());

        assertThat(c.host()).isEqualTo("127.0.0.1");
        assertThat(c.port()).isEqualTo(5432);
        assertThat(c.password()).isEmpty();
        assertThat(c.slotName()).isEqualTo("cutover_shop");
        assertThat(c.publicationName()).isEqualTo("cutover_shop");
        assertThat(c.pollInterval()).isEqualTo(Duration.ofMillis(10));
        assertThat(c.heartbeatInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.setReplicaIdentity()).isFalse();
        assertThat(c.maxBatchSize()).isEqualTo(2048);
        assertThat(c.startTimeout()).isEqualTo(Duration.ofMinutes(1));
        assertThat(c.restartMaxAttempts()).as("no limit").isEqualTo(-1);
        assertThat(c.restartBackoffInitial()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.restartBackoffMax()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/legacy");
    }

    @Test
    void everyKeyIsDocumented() {
        assertThat(BridgeConfig.KEYS).allSatisfy(k -> {
            assertThat(k.name()).startsWith("cutover.bridge.");
            assertThat(k.description()).isNotBlank();
        });
        assertThat(BridgeConfig.KEYS).extracting(BridgeConfig.Key::name).doesNotHaveDuplicates().hasSize(16);
    }

    @Test
    void theBuilderSetsTheSameKeys() {
        BridgeConfig c = BridgeConfig.builder().name("shop").database("db.local", 6543, "legacy", "cutover", "secret")
                .slot("s1").publication("p1").pollInterval(Duration.ofMillis(25)).heartbeatInterval(Duration.ofMillis(500))
                .setReplicaIdentity(true).maxBatchSize(100).startTimeout(Duration.ofSeconds(5)).restartMaxAttempts(3)
                .restartBackoff(Duration.ofMillis(200), Duration.ofSeconds(2)).build();

        assertThat(c).isEqualTo(new BridgeConfig("shop", "db.local", 6543, "legacy", "cutover", "secret", "s1", "p1",
                Duration.ofMillis(25), Duration.ofMillis(500), true, 100, Duration.ofSeconds(5), 3, Duration.ofMillis(200),
                Duration.ofSeconds(2)));
        assertThat(c.toString()).doesNotContain("secret");
    }

    @Test
    void refusalsNameTheKey() {
        assertThatThrownBy(() -> BridgeConfig.from(Map.of())).isInstanceOf(BridgeConfigException.class)
                .hasMessageStartingWith("cutover.bridge.name: required");
        Map<String, String> noDb = minimal();
        noDb.remove("cutover.bridge.db.name");
        assertThatThrownBy(() -> BridgeConfig.from(noDb)).hasMessageStartingWith("cutover.bridge.db.name: required");
        assertThatThrownBy(() -> BridgeConfig.from(with("cutover.bridge.name", "Shop-1")))
                .hasMessage("cutover.bridge.name: 'Shop-1' must be 1-40 of [a-z0-9_]");
        assertThatThrownBy(() -> BridgeConfig.from(with("cutover.bridge.db.port", "70000")))
                .hasMessage("cutover.bridge.db.port: must be a port number (1-65535), was 70000");
        assertThatThrownBy(() -> BridgeConfig.from(with("cutover.bridge.poll-interval-ms", "fast")))
                .hasMessage("cutover.bridge.poll-interval-ms: must be a whole number, was 'fast'");
        assertThatThrownBy(() -> BridgeConfig.from(with("cutover.bridge.heartbeat-interval-ms", "10")))
                .hasMessage("cutover.bridge.heartbeat-interval-ms: must be >= 100 ms, was PT0.01S");
        assertThatThrownBy(() -> BridgeConfig.from(with("cutover.bridge.max-batch-size", "0")))
                .hasMessage("cutover.bridge.max-batch-size: must be >= 1, was 0");
        assertThatThrownBy(() -> BridgeConfig.from(with("cutover.bridge.set-replica-identity", "yes")))
                .hasMessage("cutover.bridge.set-replica-identity: must be true or false, was 'yes'");
        assertThatThrownBy(() -> BridgeConfig.from(with("cutover.bridge.slot", "My-Slot")))
                .hasMessage("cutover.bridge.slot: 'My-Slot' must be a lower-case identifier ([a-z_][a-z0-9_]*, <= 63)");
        assertThatThrownBy(() -> BridgeConfig.from(with("cutover.bridge.restart.max-attempts", "-2")))
                .hasMessage("cutover.bridge.restart.max-attempts: must be -1 (no limit) or >= 0, was -2");
        assertThatThrownBy(() -> BridgeConfig.from(with("cutover.bridge.restart.backoff-initial-ms", "5")))
                .hasMessage("cutover.bridge.restart.backoff-initial-ms: must be >= 10 ms, was PT0.005S");
        assertThatThrownBy(() -> BridgeConfig.from(with("cutover.bridge.restart.backoff-max-ms", "500")))
                .hasMessage("cutover.bridge.restart.backoff-max-ms: must be >= cutover.bridge.restart.backoff-initial-ms, was PT0.5S");
        assertThatThrownBy(() -> BridgeConfig.from(with("cutover.bridge.pol-interval-ms", "5")))
                .hasMessageStartingWith("cutover.bridge.pol-interval-ms: unknown key; known keys: cutover.bridge.name,");
    }

    @Test
    void theCanonicalConstructorValidatesToo() {
        assertThatThrownBy(() -> new BridgeConfig("shop", "h", 5432, "db", "u", null, "s", "p", Duration.ZERO,
                Duration.ofSeconds(1), false, 1, Duration.ofSeconds(5), -1, Duration.ofSeconds(1),
                Duration.ofSeconds(30))).isInstanceOf(BridgeConfigException.class)
                .hasMessage("cutover.bridge.poll-interval-ms: must be >= 1 ms, was PT0S");
        assertThat(new BridgeConfig("shop", "h", 5432, "db", "u", null, "s", "p", Duration.ofMillis(5),
                Duration.ofSeconds(1), false, 1, Duration.ofSeconds(5), -1, Duration.ofSeconds(1),
                Duration.ofSeconds(30)).password()).isEmpty();
    }

    @Test
    void ignoresKeysOfOtherModules() {
        assertThat(BridgeConfig.from(with("cutover.flags.refresh-ms", "5")).name()).isEqualTo("shop");
    }
}

package io.cutover.consumers.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class ComparatorConfigTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String EXAMPLE = String.join("\n",
            "keep-unpaired-for: 2d",
            "batch-size: 500",
            "defaults:",
            "  lag-window: 2m",
            "  ignore: [/recorded_at]",
            "flows:",
            "  confirmation-mail:",
            "    lag-window: 30s",
            "    ignore:",
            "      - /sent_at",
            "      - /lines/*/id",
            "    normalise:",
            "      - trim: /subject",
            "      - lowercase: /to",
            "      - round: { path: /total, decimals: 2 }",
            "      - tolerance: { path: /points, within: 0.5 }",
            "      - sort: { path: /lines, by: /sku }",
            "      - missing-as-null: ''",
            "  audit:",
            "");

    private static ComparatorConfig parse(String yaml) {
        return ComparatorConfig.parse("comparator.yaml", new StringReader(yaml));
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text.replace('\'', '"'));
    }

    @Test
    void readsEveryRuleOfTheFormatAndFlowsInheritTheDefaults() throws Exception {
        ComparatorConfig config = parse(EXAMPLE);

        assertThat(config.keepUnpairedFor()).isEqualTo(Duration.ofDays(2));
        assertThat(config.batchSize()).isEqualTo(500);
        FlowRules mail = config.rulesFor("confirmation-mail");
        assertThat(mail.lagWindow()).isEqualTo(Duration.ofSeconds(30));
        assertThat(mail.description()).containsExactly("ignore /recorded_at", "ignore /sent_at", "ignore /lines/*/id",
                "trim /subject", "lowercase /to", "round /total to 2 decimals", "tolerance /points within 0.5",
                "sort /lines by /sku", "missing-as-null ");
        assertThat(config.rulesFor("audit").lagWindow()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.rulesFor("audit").description()).containsExactly("ignore /recorded_at");
        assertThat(config.rulesFor("not-listed")).isSameAs(config.defaults());
        assertThat(config.shortestLagWindow()).isEqualTo(Duration.ofSeconds(30));

        Comparison comparison = EffectComparator.compare(
                json("{'recorded_at':1,'sent_at':1,'subject':' Hi ','to':'A@B.C','total':9.999,'points':10,"
                        + "'bcc':null,'lines':[{'id':1,'sku':'B'},{'id':2,'sku':'A'}]}"),
                json("{'recorded_at':2,'sent_at':2,'subject':'Hi','to':'a@b.c','total':10,'points':10.5,"
                        + "'lines':[{'id':9,'sku':'A'},{'id':8,'sku':'B'}]}"),
                mail);
        assertThat(comparison.isMatch()).isTrue();
    }

    @Test
    void anEmptyFileMeansTheDefaults() {
        ComparatorConfig config = parse("");

        assertThat(config.flows()).isEmpty();
        assertThat(config.defaults().lagWindow()).isEqualTo(FlowRules.DEFAULT_LAG_WINDOW);
        assertThat(config.keepUnpairedFor()).isEqualTo(ComparatorConfig.DEFAULT_KEEP_UNPAIRED_FOR);
    }

    @Test
    void anUnknownKeyIsRefusedWithItsLineAndTheKeysAllowed() {
        assertThatThrownBy(() -> parse("flows:\n  audit:\n    lag-windw: 30s\n"))
                .isInstanceOf(ComparisonException.class)
                .hasMessage("comparator.yaml:3: flows.audit.lag-windw: unknown key, expected one of"
                        + " [ignore, lag-window, normalise]");
    }

    @Test
    void aBadDurationNamesTheField() {
        assertThatThrownBy(() -> parse("defaults:\n  lag-window: soon\n"))
                .hasMessage("comparator.yaml:2: defaults.lag-window: not a duration (use 250ms, 30s, 5m, 2h, 7d or"
                        + " ISO-8601 like PT30S), was 'soon'");
        assertThatThrownBy(() -> parse("flows:\n  audit:\n    lag-window: 0s\n"))
                .hasMessage("comparator.yaml:3: flows.audit.lag-window: lag-window must be positive, was PT0S");
    }

    @Test
    void aBadNormaliserArgumentNamesTheListEntryAndTheArgument() {
        String yaml = String.join("\n",
                "flows:",
                "  loyalty-points:",
                "    normalise:",
                "      - trim: /name",
                "      - round:",
                "          path: /points",
                "          decimals: -1",
                "");

        assertThatThrownBy(() -> parse(yaml)).hasMessage("comparator.yaml:7:"
                + " flows.loyalty-points.normalise[1].round.decimals: rounded: decimals must be between 0 and 18, was -1");
    }

    @Test
    void aMalformedPointerNamesTheListEntry() {
        assertThatThrownBy(() -> parse("flows:\n  audit:\n    ignore:\n      - /ok\n      - sent_at\n"))
                .hasMessage("comparator.yaml:5: flows.audit.ignore[1]: 'sent_at' is not a JSON Pointer:"
                        + " it must be empty or start with '/'");
    }

    @Test
    void anUnknownNormaliserAndAMissingArgumentAreRefused() {
        assertThatThrownBy(() -> parse("flows:\n  audit:\n    normalise:\n      - upcase: /a\n"))
                .hasMessage("comparator.yaml:4: flows.audit.normalise[0].upcase: unknown normaliser 'upcase',"
                        + " expected one of [trim, lowercase, round, tolerance, sort, missing-as-null]");
        assertThatThrownBy(() -> parse("flows:\n  audit:\n    normalise:\n      - sort: { by: /sku }\n"))
                .hasMessage("comparator.yaml:4: flows.audit.normalise[0].sort: 'path' is required");
    }

    @Test
    void aKeyDeclaredTwiceIsRefused() {
        assertThatThrownBy(() -> parse("flows:\n  audit: {}\n  audit: {}\n"))
                .hasMessage("comparator.yaml:3: flows.audit: declared twice (first at line 2)");
    }

    @Test
    void keepingUnpairedEffectsShorterThanALagWindowIsRefused() {
        assertThatThrownBy(() -> parse("keep-unpaired-for: 1m\nflows:\n  audit:\n    lag-window: 5m\n"))
                .hasMessageStartingWith("comparator.yaml:1: keep-unpaired-for: keep-unpaired-for (PT1M) must not be"
                        + " shorter than a lag window (PT5M)");
    }

    @Test
    void brokenYamlIsRefusedWithItsLine() {
        assertThatThrownBy(() -> parse("flows:\n  audit:\n    ignore: [/a\n  x: 1\n"))
                .isInstanceOf(ComparisonException.class)
                .hasMessage("comparator.yaml:4: not valid YAML: while parsing a flow sequence"
                        + " expected ',' or ']', but got :");
    }

    @Test
    void aFileIsNamedInItsErrors(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("comparator.yaml");
        Files.writeString(file, "flows:\n  audit:\n    normalise: /a\n");

        assertThatThrownBy(() -> ComparatorConfig.load(file))
                .hasMessage(file + ":3: flows.audit.normalise: must be a list, was a text '/a'");
        assertThatThrownBy(() -> ComparatorConfig.load(dir.resolve("absent.yaml")))
                .hasMessageContaining("absent.yaml: cannot read the comparator configuration");
    }
}

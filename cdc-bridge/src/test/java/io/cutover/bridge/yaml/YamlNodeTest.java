package io.cutover.bridge.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class YamlNodeTest {

    private static YamlNode parse(String yaml) {
        return YamlNode.parse("plan.yaml", new StringReader(yaml));
    }

    @Test
    void everyNodeKnowsItsPathAndTheLineOfItsKeyOrDash() {
        YamlNode root = parse("""
                flows:
                  - id: audit
                    gate:
                      min-compared: 100
                """);

        YamlNode flow = root.get("flows").list().get(0);
        YamlNode compared = flow.get("gate").get("min-compared");
        assertThat(flow.path()).isEqualTo("flows[0]");
        assertThat(flow.line()).isEqualTo(2);
        assertThat(flow.get("gate").line()).isEqualTo(3);
        assertThat(compared.path()).isEqualTo("flows[0].gate.min-compared");
        assertThat(compared.line()).isEqualTo(4);
        assertThat(compared.wholeNumber()).isEqualTo(100);
        assertThat(root.json().at("/flows/0/id").asText()).isEqualTo("audit");
    }

    @Test
    void anEmptyValueAndAnEmptyDocumentAreNull() {
        assertThat(parse("a:\n").get("a").isNull()).isTrue();
        assertThat(parse("").isNull()).isTrue();
        assertThat(parse("").line()).isEqualTo(1);
    }

    @Test
    void readsDurationsInShortAndIsoForm() {
        YamlNode root = parse("a: 250ms\nb: 7d\nc: PT30S\nd: soon\ne: 5\n");

        assertThat(root.get("a").duration()).isEqualTo(Duration.ofMillis(250));
        assertThat(root.get("b").duration()).isEqualTo(Duration.ofDays(7));
        assertThat(root.get("c").duration()).isEqualTo(Duration.ofSeconds(30));
        assertThatThrownBy(() -> root.get("d").duration()).hasMessage("plan.yaml:4: d: not a duration (use 250ms, 30s,"
                + " 5m, 2h, 7d or ISO-8601 like PT30S), was 'soon'");
        assertThatThrownBy(() -> root.get("e").duration()).hasMessageContaining("plan.yaml:5: e: not a duration");
    }

    @Test
    void refusalsNameFileLineFieldAndReason() {
        YamlNode root = parse("gate:\n  min-compard: 5\nname: '  '\nn: 1.5\n");

        assertThatThrownBy(() -> root.get("gate").onlyKeys(List.of("min-compared", "min-observed")))
                .isInstanceOf(YamlException.class)
                .hasMessage("plan.yaml:2: gate.min-compard: unknown key, expected one of [min-compared, min-observed]");
        assertThatThrownBy(() -> root.get("name").string()).hasMessage("plan.yaml:3: name: must be a text, was a blank text");
        assertThatThrownBy(() -> root.get("n").wholeNumber()).hasMessage("plan.yaml:4: n: must be a whole number, was a number '1.5'");
        assertThatThrownBy(() -> root.get("gate").list()).hasMessage("plan.yaml:1: gate: must be a list, was a mapping");
        assertThatThrownBy(() -> { throw root.get("gate").problem("consumer", "missing"); })
                .hasMessage("plan.yaml:1: gate.consumer: missing");
    }

    @Test
    void aKeyDeclaredTwiceAndBrokenYamlAreRefusedWithTheirLine() {
        assertThatThrownBy(() -> parse("a: 1\nb:\n  c: 1\n  c: 2\n"))
                .isInstanceOfSatisfying(YamlException.class, e -> {
                    assertThat(e.line()).isEqualTo(4);
                    assertThat(e.field()).isEqualTo("b.c");
                    assertThat(e.reason()).isEqualTo("declared twice (first at line 3)");
                });
        assertThatThrownBy(() -> parse("a: [1\nb: 2\n"))
                .isInstanceOfSatisfying(YamlException.class, e -> {
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.field()).isEmpty();
                    assertThat(e.reason()).startsWith("not valid YAML: ");
                });
    }
}

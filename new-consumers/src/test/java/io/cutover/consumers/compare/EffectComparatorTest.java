package io.cutover.consumers.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;

import io.cutover.consumers.compare.spi.Normaliser;

class EffectComparatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    private static Comparison compare(String legacy, String shadow, FlowRules rules) {
        return EffectComparator.compare(json(legacy), json(shadow), rules);
    }

    private static FlowRules rules(Normaliser... normalisers) {
        FlowRules.Builder rules = FlowRules.custom();
        for (Normaliser normaliser : normalisers) {
            rules.normalise(normaliser);
        }
        return rules.build();
    }

    @Test
    void equalEffectsMatchWithoutADiff() {
        Comparison comparison = compare("{'to':'a@b.c','points':49}", "{'points':49,'to':'a@b.c'}",
                FlowRules.ofDefaults());

        assertThat(comparison.outcome()).isEqualTo(Outcome.MATCH);
        assertThat(comparison.diff()).isNull();
    }

    @Test
    void aChangedValueIsOneReplaceOperationThatAlsoCarriesTheLegacyValue() {
        Comparison comparison = compare("{'to':'a@b.c','points':49}", "{'to':'a@b.c','points':50}",
                FlowRules.ofDefaults());

        assertThat(comparison.outcome()).isEqualTo(Outcome.MISMATCH);
        assertThat(comparison.diff()).isEqualTo(json("[{'op':'replace','path':'/points','fromValue':49,'value':50}]"));
    }

    @Test
    void aMemberOnlyTheShadowHasIsAnAddAndOneOnlyTheLegacyHasIsARemove() {
        Comparison comparison = compare("{'a':1,'gone':true}", "{'a':1,'extra':'x'}", FlowRules.ofDefaults());

        assertThat(comparison.diff()).isEqualTo(json(
                "[{'op':'remove','path':'/gone','value':true},{'op':'add','path':'/extra','value':'x'}]"));
    }

    @Test
    void diffPathsEscapeSlashAndTildeAndIndexArrayElements() {
        Comparison comparison = compare("{'a/b':{'m~n':1},'lines':[{'qty':1},{'qty':2}]}",
                "{'a/b':{'m~n':2},'lines':[{'qty':1},{'qty':3}]}", FlowRules.ofDefaults());

        assertThat(comparison.diff().findValuesAsText("path")).containsExactlyInAnyOrder("/a~1b/m~0n", "/lines/1/qty");
    }

    @Test
    void ignoredPathsAreDroppedOnBothSidesIncludingEveryArrayElementThroughAWildcard() {
        FlowRules rules = FlowRules.custom().ignoring("/sent_at", "/lines/*/id").build();

        assertThat(compare("{'sent_at':'10:00','lines':[{'id':7,'sku':'A'},{'id':8,'sku':'B'}]}",
                "{'sent_at':'10:01','lines':[{'id':70,'sku':'A'},{'id':80,'sku':'B'}]}", rules).isMatch()).isTrue();
        assertThat(compare("{'sent_at':'10:00','lines':[{'id':7,'sku':'A'}]}",
                "{'lines':[{'id':70,'sku':'Z'}]}", rules).diff())
                .isEqualTo(json("[{'op':'replace','path':'/lines/0/sku','fromValue':'A','value':'Z'}]"));
    }

    @Test
    void aWildcardAlsoMatchesEveryMemberOfAnObject() {
        FlowRules rules = FlowRules.custom().ignoring("/headers/*/date").build();

        assertThat(compare("{'headers':{'a':{'date':1,'k':1},'b':{'date':2}}}",
                "{'headers':{'a':{'date':9,'k':1},'b':{'date':8}}}", rules).isMatch()).isTrue();
    }

    @Test
    void trimmedIgnoresSurroundingWhiteSpaceOnly() {
        FlowRules rules = rules(Normaliser.trimmed("/subject"));

        assertThat(compare("{'subject':' Order 42 '}", "{'subject':'Order 42'}", rules).isMatch()).isTrue();
        assertThat(compare("{'subject':'Order 42'}", "{'subject':'Order  42'}", rules).isMatch()).isFalse();
    }

    @Test
    void lowercasedIgnoresCase() {
        FlowRules rules = rules(Normaliser.lowercased("/to/*"));

        assertThat(compare("{'to':['Ann@Example.COM']}", "{'to':['ann@example.com']}", rules).isMatch()).isTrue();
    }

    @Test
    void roundedComparesNumbersAtTheGivenDecimalsWhateverTheirJsonForm() {
        FlowRules rules = rules(Normaliser.rounded("/total", 2));

        assertThat(compare("{'total':10}", "{'total':10.0}", rules).isMatch()).isTrue();
        assertThat(compare("{'total':10.004}", "{'total':10.001}", rules).isMatch()).isTrue();
        // the rounded values, at the rule's scale, are what the report shows
        assertThat(compare("{'total':10.005}", "{'total':10.004}", rules).diff()).hasToString(
                "[{\"op\":\"replace\",\"fromValue\":10.01,\"path\":\"/total\",\"value\":10.00}]");
    }

    @Test
    void toleranceAcceptsSmallNumericDifferencesAndShowsBothRealValuesForLargerOnes() {
        FlowRules rules = rules(Normaliser.tolerance("/lines/*/points", new BigDecimal("0.5")));

        assertThat(compare("{'lines':[{'points':49},{'points':10}]}", "{'lines':[{'points':49.5},{'points':10}]}",
                rules).isMatch()).isTrue();
        assertThat(compare("{'lines':[{'points':49}]}", "{'lines':[{'points':50}]}", rules).diff())
                .isEqualTo(json("[{'op':'replace','path':'/lines/0/points','fromValue':49,'value':50}]"));
    }

    @Test
    void sortedByMakesArrayOrderIrrelevant() {
        FlowRules rules = rules(Normaliser.sortedBy("/lines", "/sku"));

        assertThat(compare("{'lines':[{'sku':'B','qty':1},{'sku':'A','qty':2}]}",
                "{'lines':[{'sku':'A','qty':2},{'sku':'B','qty':1}]}", rules).isMatch()).isTrue();
        assertThat(compare("{'lines':[{'sku':'B','qty':1},{'sku':'A','qty':2}]}",
                "{'lines':[{'sku':'A','qty':2},{'sku':'B','qty':5}]}", rules).diff())
                .isEqualTo(json("[{'op':'replace','path':'/lines/1/qty','fromValue':1,'value':5}]"));
    }

    @Test
    void sortedByTheElementItselfOrdersNumbersNumerically() {
        FlowRules rules = rules(Normaliser.sortedBy("/ids", ""));

        assertThat(compare("{'ids':[10,9,'x',null]}", "{'ids':[null,9,'x',10]}", rules).isMatch()).isTrue();
    }

    @Test
    void missingAsNullTreatsANullMemberAsAbsentAtAnyDepth() {
        FlowRules rules = rules(Normaliser.missingAsNull(""));

        assertThat(compare("{'a':1,'b':null,'c':{'d':null}}", "{'a':1,'c':{}}", rules).isMatch()).isTrue();
        assertThat(compare("{'a':null}", "{'a':0}", rules).isMatch()).isFalse();
    }

    @Test
    void aCustomRewriteRunsOnBothSidesAndNormalisersRunInDeclarationOrder() {
        FlowRules rules = FlowRules.custom()
                .normalise(Normaliser.rewriting("/phone", node -> TextNode.valueOf(node.asText().replace(" ", ""))))
                .normalise(Normaliser.trimmed("/name").andThen(Normaliser.lowercased("/name")))
                .build();

        assertThat(compare("{'phone':'+41 44 000','name':' Ann '}", "{'phone':'+4144000','name':'ann'}", rules)
                .isMatch()).isTrue();
        assertThat(rules.description()).containsExactly("custom normaliser", "custom normaliser");
    }

    @Test
    void normalisingNeverChangesTheCallersEffects() {
        JsonNode legacy = json("{'sent_at':1,'to':' A '}");
        JsonNode shadow = json("{'sent_at':2,'to':'a'}");

        EffectComparator.compare(legacy, shadow, FlowRules.custom().ignoring("/sent_at")
                .normalise(Normaliser.trimmed("/to")).normalise(Normaliser.lowercased("/to")).build());

        assertThat(legacy).isEqualTo(json("{'sent_at':1,'to':' A '}"));
        assertThat(shadow).isEqualTo(json("{'sent_at':2,'to':'a'}"));
    }

    @Test
    void malformedPointersAndArgumentsAreRefusedWhenTheRuleIsBuilt() {
        assertThatThrownBy(() -> Normaliser.ignoring("sent_at"))
                .isInstanceOf(ComparisonException.class).hasMessageContaining("must be empty or start with '/'");
        assertThatThrownBy(() -> Normaliser.ignoring("/a~2"))
                .isInstanceOf(ComparisonException.class).hasMessageContaining("'~' must be followed by 0 or 1");
        assertThatThrownBy(() -> Normaliser.trimmed(""))
                .isInstanceOf(ComparisonException.class).hasMessageContaining("below the effect's root");
        assertThatThrownBy(() -> Normaliser.rounded("/total", -1))
                .isInstanceOf(ComparisonException.class).hasMessageContaining("decimals must be between 0 and 18");
        assertThatThrownBy(() -> Normaliser.tolerance("/total", new BigDecimal("-1")))
                .isInstanceOf(ComparisonException.class).hasMessageContaining("must not be negative");
        assertThatThrownBy(() -> FlowRules.custom().lagWindow(java.time.Duration.ZERO))
                .isInstanceOf(ComparisonException.class).hasMessageContaining("lag-window must be positive");
    }
}

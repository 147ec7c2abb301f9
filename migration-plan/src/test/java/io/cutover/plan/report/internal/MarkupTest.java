package io.cutover.plan.report.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarkupTest {

    @Test
    void ratesAreRoundedDownSoThatOnlyAPerfectRunShowsAHundredPercent() {
        assertThat(Markup.percent(1.0)).isEqualTo("100 %");
        assertThat(Markup.percent(9999.0 / 10000 + 0.00009)).isEqualTo("99.99 %");
        assertThat(Markup.percent(0.999999)).isEqualTo("99.99 %");
        assertThat(Markup.percent(32.0 / 41)).isEqualTo("78.04 %");
        assertThat(Markup.percent(0.5)).isEqualTo("50 %");
        assertThat(Markup.percent(0)).isEqualTo("0 %");
    }

    @Test
    void escapesEveryCharacterThatCouldOpenMarkupOrLeaveAnAttribute() {
        assertThat(Markup.escape("</script><img src=x onerror='a'>\"&"))
                .isEqualTo("&lt;/script&gt;&lt;img src=x onerror=&#39;a&#39;&gt;&quot;&amp;");
        assertThat(Markup.escape("\u001b[31mred\u0000\u007f\tand\nmore")).isEqualTo("\uFFFD[31mred\uFFFD\uFFFD\tand\nmore");
    }

    @Test
    void lagsReadInTheirNaturalUnit() {
        assertThat(Markup.millis(250)).isEqualTo("250 ms");
        assertThat(Markup.millis(7_000)).isEqualTo("7.0 s");
        assertThat(Markup.millis(300_000)).isEqualTo("5.0 min");
    }
}

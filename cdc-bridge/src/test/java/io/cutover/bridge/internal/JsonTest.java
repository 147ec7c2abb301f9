package io.cutover.bridge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void plainValuesBecomeTheNodesTheMapperWouldMake() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("a", 1);
        nested.put("b", null);
        for (Object v : Arrays.asList(null, "text", "", 42L, Long.MIN_VALUE, 7, (short) 3, true, false, 2.5d, 1.25f,
                new BigDecimal("12.50"), List.of(1, "x"), nested, new byte[] {1, 2})) {
            assertThat(Json.node(v)).as("%s", v).isEqualTo(Json.MAPPER.valueToTree(v));
            assertThat(Json.node(v).toString()).as("%s", v).isEqualTo(Json.MAPPER.valueToTree(v).toString());
        }
    }
}

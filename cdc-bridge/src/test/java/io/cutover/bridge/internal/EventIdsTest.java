package io.cutover.bridge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

class EventIdsTest {

    @Test
    void sameInputsGiveTheSameVersion5Id() {
        UUID a = EventIds.nameBased("legacy", "123", "7", "shop.orders", "{id=1}", "OrderPlaced");
        UUID b = EventIds.nameBased("legacy", "123", "7", "shop.orders", "{id=1}", "OrderPlaced");

        assertThat(a).isEqualTo(b);
        assertThat(a.version()).isEqualTo(5);
        assertThat(a.variant()).isEqualTo(2);
    }

    @Test
    void anyDifferentInputGivesADifferentId() {
        UUID base = EventIds.nameBased("legacy", "123", "7", "shop.orders", "{id=1}", "OrderPlaced");

        assertThat(EventIds.nameBased("legacy", "124", "7", "shop.orders", "{id=1}", "OrderPlaced")).isNotEqualTo(base);
        assertThat(EventIds.nameBased("legacy", "123", "7", "shop.orders", "{id=2}", "OrderPlaced")).isNotEqualTo(base);
        assertThat(EventIds.nameBased("legacy", "123", "7", "shop.orders", "{id=1}", "OrderShipped")).isNotEqualTo(base);
    }

    @Test
    void partsCannotBleedIntoEachOther() {
        assertThat(EventIds.nameBased("a|b", "c")).isNotEqualTo(EventIds.nameBased("a", "b|c"));
        assertThat(EventIds.nameBased("ab", "")).isNotEqualTo(EventIds.nameBased("a", "b"));
    }
}

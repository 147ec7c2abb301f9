package io.cutover.bridge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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

    @Test
    void idsNeverChangeAcrossVersions() {
        // pinned: a re-read after an upgrade must give the ids the log already holds
        assertThat(EventIds.nameBased("legacy", "123", "7", "shop.orders", "{id=1}", "OrderPlaced"))
                .isEqualTo(UUID.fromString("3d821d03-28e8-5680-bf63-ee452ad78827"));
        assertThat(EventIds.nameBased("dead-letter", null, "x")).isEqualTo(UUID.fromString("04de497a-235e-585e-b8de-3b340eca1fcc"));
    }

    @Test
    void threadsComputeTheSameIds() throws Exception {
        UUID expected = EventIds.nameBased("legacy", "123", "7", "shop.orders", "{id=1}", "OrderPlaced");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (Future<UUID> id : pool.invokeAll(Collections.<Callable<UUID>>nCopies(64,
                    () -> EventIds.nameBased("legacy", "123", "7", "shop.orders", "{id=1}", "OrderPlaced")))) {
                assertThat(id.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdown();
        }
    }
}

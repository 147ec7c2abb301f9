package io.cutover.sample.legacy.catalog;

import java.math.BigDecimal;
import java.time.Instant;

/** A product with its stock: {@code stockReserved} units of {@code stockOnHand} are promised to confirmed orders. */
public record Product(long id, String sku, String name, BigDecimal price, int stockOnHand, int stockReserved,
                      Instant createdAt) {

    public int stockAvailable() {
        return stockOnHand - stockReserved;
    }
}

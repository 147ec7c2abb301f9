package io.cutover.sample.legacy.order;

import java.math.BigDecimal;

/** One line of an order; the unit price is the product's price when the order was placed. */
public record OrderLine(int lineNo, long productId, String sku, String productName, int quantity,
                        BigDecimal unitPrice, BigDecimal lineTotal) {
}

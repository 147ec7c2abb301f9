package io.cutover.sample.consumers;

import java.util.List;
import java.util.Objects;

import javax.sql.DataSource;

import io.cutover.consumers.spi.Consumer;

/**
 * The sample shop's five consumers, configured once. {@code shop} is the legacy shop's database (its tables are read
 * for what the events lack, and the database effects are written there); the runtime must run on the same database,
 * so that those effects share the transaction of its idempotency mark.
 *
 * <pre>{@code
 * SampleConsumers shop = SampleConsumers.of(dataSource, SampleConsumersConfig.custom()
 *         .smtp("mail.internal", 25).warehouse("http://warehouse.internal:8081").build());
 * ConsumerRuntime.Builder runtime = ConsumerRuntime.builder(dataSource);
 * shop.all().forEach(runtime::consumer);
 * }</pre>
 */
public final class SampleConsumers {
    private final Consumer confirmationMail;
    private final Consumer loyaltyPoints;
    private final Consumer stockReservation;
    private final Consumer warehouseNotification;
    private final Consumer orderAudit;

    private SampleConsumers(DataSource shop, SampleConsumersConfig config) {
        ShopTables tables = new ShopTables(shop);
        this.confirmationMail = ConfirmationMail.consumer(tables, new ConfirmationMail.Smtp(config), config.mailFrom());
        this.loyaltyPoints = LoyaltyPoints.consumer(config.loyaltyRounding());
        this.stockReservation = StockReservation.consumer(tables);
        this.warehouseNotification = WarehouseNotification.consumer(tables, new WarehouseNotification.Http(config));
        this.orderAudit = OrderAudit.consumer();
    }

    public static SampleConsumers of(DataSource shop, SampleConsumersConfig config) {
        return new SampleConsumers(Objects.requireNonNull(shop, "shop"), Objects.requireNonNull(config, "config"));
    }

    /** Consumer and flow {@code confirmation-mail}. */
    public Consumer confirmationMail() {
        return confirmationMail;
    }

    /** Consumer and flow {@code loyalty-points}. */
    public Consumer loyaltyPoints() {
        return loyaltyPoints;
    }

    /** Consumer and flow {@code stock-reservation}. */
    public Consumer stockReservation() {
        return stockReservation;
    }

    /** Consumer and flow {@code warehouse-notification}. */
    public Consumer warehouseNotification() {
        return warehouseNotification;
    }

    /** Consumer and flow {@code order-audit}. */
    public Consumer orderAudit() {
        return orderAudit;
    }

    public List<Consumer> all() {
        return List.of(confirmationMail, loyaltyPoints, stockReservation, warehouseNotification, orderAudit);
    }
}

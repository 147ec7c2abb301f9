package io.cutover.sample.consumers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class WarehouseNotificationTest {

    @Test
    void theBodyIsWhatJsonBWritesForTheLegacyShipmentPropertiesInLexicographicOrder() {
        WarehouseNotification.Shipment shipment = new WarehouseNotification.Shipment(42,
                new WarehouseNotification.ShipTo(7, "Ada Lovelace", "ada@shop.test", "12 Analytical Lane"),
                List.of(new WarehouseNotification.Line(3, "NB-1", 2)));
        assertThat(WarehouseNotification.body(shipment)).isEqualTo("{\"lines\":[{\"productId\":3,\"quantity\":2,"
                + "\"sku\":\"NB-1\"}],\"orderId\":42,\"shipTo\":{\"address\":\"12 Analytical Lane\",\"customerId\":7,"
                + "\"email\":\"ada@shop.test\",\"name\":\"Ada Lovelace\"}}");
    }
}

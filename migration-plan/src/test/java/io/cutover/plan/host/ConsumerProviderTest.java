package io.cutover.plan.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import io.cutover.consumers.ConsumerException;
import io.cutover.consumers.spi.Consumer;
import io.cutover.consumers.spi.ConsumerProvider;
import io.cutover.sample.consumers.ShopConsumerProvider;

/** How a host finds an application's consumers by class name, and the sample shop's provider reading its keys. */
class ConsumerProviderTest {
    private final ClassLoader loader = getClass().getClassLoader();
    private final Map<String, String> config = new HashMap<>(Map.of(
            ShopConsumerProvider.SMTP_HOST, "mail.test",
            ShopConsumerProvider.SMTP_PORT, "2525",
            ShopConsumerProvider.WAREHOUSE_URL, "http://warehouse.test:8081/"));

    private List<Consumer> shopConsumers() {
        return ConsumerProvider.byClassName(ShopConsumerProvider.class.getName(), loader)
                .consumers(new PGSimpleDataSource(), key -> Optional.ofNullable(config.get(key)));
    }

    @Test
    void loadsTheShopsProviderByNameAndBuildsItsFiveConsumers() {
        assertThat(shopConsumers()).extracting(Consumer::name).containsExactly("confirmation-mail", "loyalty-points",
                "stock-reservation", "warehouse-notification", "order-audit");
    }

    @Test
    void refusesMissingOrMalformedShopKeysNamingThem() {
        config.remove(ShopConsumerProvider.WAREHOUSE_URL);
        assertThatThrownBy(this::shopConsumers).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cutover.sample.warehouse.url: required");

        config.put(ShopConsumerProvider.WAREHOUSE_URL, "http://warehouse.test");
        config.put(ShopConsumerProvider.SMTP_PORT, "twenty-five");
        assertThatThrownBy(this::shopConsumers).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cutover.sample.smtp.port: must be a whole number, was 'twenty-five'");
    }

    @Test
    void refusesAClassThatIsMissingOrNoProvider() {
        assertThatThrownBy(() -> ConsumerProvider.byClassName("com.acme.NoSuchProvider", loader))
                .isInstanceOf(ConsumerException.class).hasMessageContaining("not found");
        assertThatThrownBy(() -> ConsumerProvider.byClassName(String.class.getName(), loader))
                .isInstanceOf(ConsumerException.class).hasMessageContaining("does not implement");
        assertThatThrownBy(() -> ConsumerProvider.byClassName(" ", loader))
                .isInstanceOf(ConsumerException.class).hasMessageContaining("no consumer provider named");
    }
}

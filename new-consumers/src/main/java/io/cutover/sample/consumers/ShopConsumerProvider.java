package io.cutover.sample.consumers;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import javax.sql.DataSource;

import io.cutover.consumers.spi.Consumer;
import io.cutover.consumers.spi.ConsumerProvider;

/**
 * The sample shop's five consumers for a host that names this class ({@code cutover.consumers.provider}). Keys: {@value
 * #SMTP_HOST}, {@value #SMTP_PORT}, {@value #WAREHOUSE_URL} (required), {@value #MAIL_FROM}, {@value #TIMEOUT_MS}
 * (optional, defaults of {@link SampleConsumersConfig}).
 */
public final class ShopConsumerProvider implements ConsumerProvider {
    public static final String SMTP_HOST = "cutover.sample.smtp.host";
    public static final String SMTP_PORT = "cutover.sample.smtp.port";
    public static final String WAREHOUSE_URL = "cutover.sample.warehouse.url";
    public static final String MAIL_FROM = "cutover.sample.mail-from";
    /** SMTP session and warehouse call timeout. */
    public static final String TIMEOUT_MS = "cutover.sample.timeout-ms";

    @Override
    public List<Consumer> consumers(DataSource dataSource, Function<String, Optional<String>> config) {
        Duration timeout = Duration.ofMillis(number(config, TIMEOUT_MS,
                SampleConsumersConfig.DEFAULT_TIMEOUT.toMillis()));
        SampleConsumersConfig settings = SampleConsumersConfig.custom()
                .smtp(required(config, SMTP_HOST), (int) number(config, SMTP_PORT, -1))
                .warehouse(required(config, WAREHOUSE_URL))
                .mailFrom(config.apply(MAIL_FROM).orElse(SampleConsumersConfig.DEFAULT_MAIL_FROM))
                .smtpTimeout(timeout)
                .warehouseTimeout(timeout)
                .build();
        return SampleConsumers.of(dataSource, settings).all();
    }

    private static String required(Function<String, Optional<String>> config, String key) {
        return config.apply(key).filter(v -> !v.isBlank())
                .orElseThrow(() -> new IllegalArgumentException(key + ": required by the sample shop's consumers"));
    }

    private static long number(Function<String, Optional<String>> config, String key, long fallback) {
        Optional<String> value = config.apply(key).map(String::strip);
        if (value.isEmpty() && fallback < 0) {
            throw new IllegalArgumentException(key + ": required by the sample shop's consumers");
        }
        try {
            return value.map(Long::parseLong).orElse(fallback);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": must be a whole number, was '" + value.get() + "'");
        }
    }
}

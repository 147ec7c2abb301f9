package io.cutover.sample.consumers;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the sample's outside systems are and how the consumers behave; immutable, validated when built. No host has a
 * default: the SMTP server and the warehouse are always named by whoever starts the consumers.
 *
 * @param smtpHost          SMTP server of the confirmation mail (legacy: {@code legacy.smtp.host})
 * @param smtpPort          its port (legacy: {@code legacy.smtp.port})
 * @param smtpTimeout       connect, read and write timeout of one SMTP session (legacy default 5 s)
 * @param mailFrom          the From address (legacy: {@code legacy.mail.from}, default {@value #DEFAULT_MAIL_FROM})
 * @param warehouseUrl      base URL of the warehouse; shipments go to {@code {warehouseUrl}/shipments}
 * @param warehouseTimeout  connect and request timeout of the warehouse call (legacy default 5 s)
 * @param loyaltyRounding   {@link LoyaltyRounding#DOWN} (the legacy rule) unless a test wants the deliberate difference
 */
public record SampleConsumersConfig(String smtpHost, int smtpPort, Duration smtpTimeout, String mailFrom,
        URI warehouseUrl, Duration warehouseTimeout, LoyaltyRounding loyaltyRounding) {

    public static final String DEFAULT_MAIL_FROM = "shop@legacy.test";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    public SampleConsumersConfig {
        if (smtpHost == null || smtpHost.isBlank()) {
            throw new IllegalArgumentException("smtp-host is required");
        }
        if (smtpPort < 1 || smtpPort > 65535) {
            throw new IllegalArgumentException("smtp-port must be 1..65535, was " + smtpPort);
        }
        requirePositive("smtp-timeout", smtpTimeout);
        if (mailFrom == null || !mailFrom.matches("[^@\\s]+@[^@\\s]+")) {
            throw new IllegalArgumentException("mail-from must be an e-mail address, was " + mailFrom);
        }
        Objects.requireNonNull(warehouseUrl, "warehouse-url is required");
        if (!("http".equals(warehouseUrl.getScheme()) || "https".equals(warehouseUrl.getScheme()))
                || warehouseUrl.getHost() == null) {
            throw new IllegalArgumentException("warehouse-url must be an absolute http(s) URL, was " + warehouseUrl);
        }
        requirePositive("warehouse-timeout", warehouseTimeout);
        Objects.requireNonNull(loyaltyRounding, "loyalty-rounding");
    }

    public static Builder custom() {
        return new Builder();
    }

    /** A copy with another loyalty rule (the comparator tests' switch). */
    public SampleConsumersConfig withLoyaltyRounding(LoyaltyRounding rounding) {
        return new SampleConsumersConfig(smtpHost, smtpPort, smtpTimeout, mailFrom, warehouseUrl, warehouseTimeout,
                rounding);
    }

    private static void requirePositive(String key, Duration d) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(key + " must be positive, was " + d);
        }
    }

    public static final class Builder {
        private String smtpHost;
        private int smtpPort;
        private Duration smtpTimeout = DEFAULT_TIMEOUT;
        private String mailFrom = DEFAULT_MAIL_FROM;
        private URI warehouseUrl;
        private Duration warehouseTimeout = DEFAULT_TIMEOUT;
        private LoyaltyRounding loyaltyRounding = LoyaltyRounding.DOWN;

        private Builder() {
        }

        public Builder smtp(String host, int port) {
            this.smtpHost = host;
            this.smtpPort = port;
            return this;
        }

        public Builder smtpTimeout(Duration timeout) {
            this.smtpTimeout = timeout;
            return this;
        }

        public Builder mailFrom(String from) {
            this.mailFrom = from;
            return this;
        }

        /** Base URL; a trailing slash is dropped, as the legacy notifier does. */
        public Builder warehouse(String baseUrl) {
            this.warehouseUrl = baseUrl == null ? null : URI.create(baseUrl.replaceAll("/+$", ""));
            return this;
        }

        public Builder warehouseTimeout(Duration timeout) {
            this.warehouseTimeout = timeout;
            return this;
        }

        public Builder loyaltyRounding(LoyaltyRounding rounding) {
            this.loyaltyRounding = rounding;
            return this;
        }

        public SampleConsumersConfig build() {
            return new SampleConsumersConfig(smtpHost, smtpPort, smtpTimeout, mailFrom, warehouseUrl, warehouseTimeout,
                    loyaltyRounding);
        }
    }
}

package io.cutover.testsupport.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

class DatabaseTest {
    private final Database db = new Database("orders", "orders", "s3cr3t-pw", "127.0.0.1", 5544);

    @Test
    void jdbcUrlHasHostPortAndNameButNoCredentials() {
        assertThat(db.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5544/orders");
        assertThat(new Database("d", "u", "p", "::1", 1).jdbcUrl()).isEqualTo("jdbc:postgresql://[::1]:1/d");
    }

    @Test
    void toStringNeverShowsThePassword() {
        assertThat(db.toString()).doesNotContain("s3cr3t-pw").contains("password=***").contains("orders").contains("5544");
    }

    @Test
    void dataSourceCarriesDatabaseAndCredentials() {
        PGSimpleDataSource ds = (PGSimpleDataSource) db.dataSource();
        assertThat(ds.getServerNames()).containsExactly("127.0.0.1");
        assertThat(ds.getPortNumbers()).containsExactly(5544);
        assertThat(ds.getDatabaseName()).isEqualTo("orders");
        assertThat(ds.getUser()).isEqualTo("orders");
        assertThat(ds.getPassword()).isEqualTo("s3cr3t-pw");
    }

    @Test
    void uniqueNamesAreValidSlotNamesAndNeverRepeat() {
        Set<String> seen = new HashSet<>();
        for (String prefix : new String[] {"slot", "Cutover Slot-1", "ÄÖÜ", "9lives", "", null, "x".repeat(200), "pg_slot"}) {
            for (int i = 0; i < 50; i++) {
                String n = db.uniqueName(prefix);
                assertThat(n).matches("[a-z_][a-z0-9_]*").hasSizeLessThanOrEqualTo(63);
                assertThat(seen.add(n)).as("unique: %s", n).isTrue();
            }
        }
        assertThat(db.uniqueName("cdc")).startsWith("cdc_");
        assertThat(db.uniqueName("Cutover Slot")).startsWith("cutover_slot_");
    }

    @Test
    void sanitizedIdentifiersAreLowerCaseSafeAndBounded() {
        assertThat(Identifiers.sanitize("LegacyApp", 48)).isEqualTo("legacyapp");
        assertThat(Identifiers.sanitize("My Test-Class$Inner", 48)).isEqualTo("my_test_class_inner");
        assertThat(Identifiers.sanitize("1st", 48)).isEqualTo("x1st");
        assertThat(Identifiers.sanitize("pg_monitor", 48)).isEqualTo("xpg_monitor");
        assertThat(Identifiers.sanitize("a".repeat(80), 48)).hasSize(48);
        assertThat(Identifiers.quote("we\"ird")).isEqualTo("\"we\"\"ird\"");
        assertThat(Identifiers.literal("it's")).isEqualTo("'it''s'");
    }
}

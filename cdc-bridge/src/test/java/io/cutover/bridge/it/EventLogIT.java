package io.cutover.bridge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.cutover.bridge.BridgeSchema;
import io.cutover.bridge.EventEnvelope;
import io.cutover.bridge.EventLog;
import io.cutover.bridge.EventSource;
import io.cutover.bridge.LoggedEvent;
import io.cutover.bridge.internal.Json;
import io.cutover.testsupport.postgres.Database;
import io.cutover.testsupport.postgres.WithPostgres;

@WithPostgres
class EventLogIT {

    private static final Instant NOW = Instant.parse("2026-11-24T09:00:00Z");
    private static EventLog log;
    private static Database db;

    @BeforeAll
    static void migrate(Database database) {
        db = database;
        BridgeSchema.migrate(db.dataSource());
        BridgeSchema.migrate(db.dataSource()); // repeatable: the second run has nothing to do
        log = EventLog.postgres(db.dataSource(), Clock.fixed(NOW, ZoneOffset.UTC));
        assertThat(log.headSequence()).as("head of a new log").isZero();
    }

    private static EventEnvelope event(String type, long lsn) {
        return new EventEnvelope(UUID.randomUUID(), type, 1, Instant.parse("2026-11-24T08:59:59.123456Z"),
                new EventSource("legacy", "depot", "parcel", lsn, 9L), "p-" + lsn, "corr", "pg-tx:legacy:9",
                Json.MAPPER.createObjectNode().put("id", lsn).put("amount", "12.30"));
    }

    @Test
    void appendsInOrderAndReadsBackTheSameEnvelopes() {
        long head = log.headSequence();
        List<EventEnvelope> batch = List.of(event("ParcelRegistered", 1), event("ParcelDispatched", 2), event("ParcelLost", 3));

        assertThat(log.append(batch)).isEqualTo(3);

        List<LoggedEvent> read = log.readFrom(head + 1, 10);
        assertThat(read).extracting(LoggedEvent::envelope).containsExactlyElementsOf(batch);
        assertThat(read).extracting(LoggedEvent::appendedAt).containsOnly(NOW);
        assertThat(read.get(2).sequence()).isEqualTo(log.headSequence());
        assertThat(read.get(0).sequence()).isLessThan(read.get(1).sequence());
    }

    @Test
    void keepsTextThatCopyWouldReadAsDelimitersOrEscapes() {
        long head = log.headSequence();
        String awkward = "tab\there, line\nbreak, return\r, back\\slash \\N, \u00e9t\u00e9 \u20ac";
        EventEnvelope e = new EventEnvelope(UUID.randomUUID(), "ParcelRenamed", 1, Instant.parse("2026-11-24T08:59:59Z"),
                new EventSource("legacy", "depot", "parcel", 400, 9L), awkward, awkward, null,
                Json.MAPPER.createObjectNode().put("label", awkward));

        assertThat(log.append(List.of(e))).isEqualTo(1);

        assertThat(log.readFrom(head + 1, 10)).extracting(LoggedEvent::envelope).containsExactly(e);
        assertThat(partitionKey(e.eventId())).isEqualTo(awkward);
    }

    @Test
    void reAppendedEventsAreAbsorbedByTheirId() {
        EventEnvelope e = event("ParcelRegistered", 10);
        log.append(List.of(e));
        long head = log.headSequence();

        assertThat(log.append(List.of(e, e, event("ParcelLost", 11)))).isEqualTo(1);

        assertThat(log.readFrom(head + 1, 10)).extracting(x -> x.envelope().type()).containsExactly("ParcelLost");
        assertThat(count(e.eventId())).isEqualTo(1);
    }

    @Test
    void readsAPageAtATime() {
        long head = log.headSequence();
        List<EventEnvelope> batch = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            batch.add(event("ParcelRegistered", 100 + i));
        }
        log.append(batch);

        List<LoggedEvent> first = log.readFrom(head + 1, 2);
        List<LoggedEvent> rest = log.readFrom(first.get(1).sequence() + 1, 10);

        assertThat(first).hasSize(2);
        assertThat(rest).extracting(LoggedEvent::envelope).containsExactlyElementsOf(batch.subList(2, 5));
        assertThat(log.readFrom(log.headSequence() + 1, 10)).isEmpty();
        assertThat(log.append(List.of())).isZero();
    }

    @Test
    void aTailHearsOfAppendsFromOtherConnections() {
        AtomicLong heard = new AtomicLong();
        try (EventLog.Subscription tail = log.tail(heard::set)) {
            log.append(List.of(event("ParcelRegistered", 200)));
            long head = log.headSequence();

            await("tail notified of head " + head).atMost(Duration.ofSeconds(10)).until(() -> heard.get() >= head);
        }
    }

    @Test
    void keepsOneConnectionForAppendsAndReplacesItWhenTheServerCutIt() throws Exception {
        org.postgresql.ds.PGSimpleDataSource ds = (org.postgresql.ds.PGSimpleDataSource) db.dataSource();
        ds.setApplicationName("event-log-it-appender");
        try (EventLog own = EventLog.postgres(ds, Clock.systemUTC())) {
            own.append(List.of(event("ParcelRegistered", 300)));
            own.append(List.of(event("ParcelRegistered", 301)));
            assertThat(appenderSessions()).as("one kept connection for both appends").isEqualTo(1);

            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                st.execute("select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'event-log-it-appender'");
            }
            await("appender session gone").atMost(Duration.ofSeconds(10)).until(() -> appenderSessions() == 0);
            long head = log.headSequence();

            assertThat(own.append(List.of(event("ParcelDispatched", 302)))).as("the batch lands on a new connection").isEqualTo(1);
            assertThat(log.readFrom(head + 1, 10)).extracting(x -> x.envelope().source().lsn()).containsExactly(302L);
        }
        await("kept connection released by close").atMost(Duration.ofSeconds(10)).until(() -> appenderSessions() == 0);
    }

    private static long appenderSessions() {
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "select count(*) from pg_stat_activity where application_name = 'event-log-it-appender'")) {
            rs.next();
            return rs.getLong(1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long count(UUID id) {
        try (Connection c = db.connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select count(*) from cutover.event_log where event_id = '" + id + "'")) {
            rs.next();
            return rs.getLong(1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String partitionKey(UUID id) {
        try (Connection c = db.connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select partition_key from cutover.event_log where event_id = '" + id + "'")) {
            rs.next();
            return rs.getString(1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

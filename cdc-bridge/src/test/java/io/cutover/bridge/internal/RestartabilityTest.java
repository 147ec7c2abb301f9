package io.cutover.bridge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.SocketException;
import java.sql.SQLException;
import java.util.concurrent.RejectedExecutionException;

import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

import io.cutover.bridge.EventLogException;
import io.debezium.DebeziumException;

class RestartabilityTest {

    private static boolean restartable(Throwable failure) {
        return Restartability.permanent(failure, "shop", "cutover_shop").isEmpty();
    }

    @Test
    void lostConnectionsARestartingServerAndAnUnwritableLogAreRestartable() {
        assertThat(restartable(new ConnectException("An exception occurred in the change event producer. This connector will be stopped.",
                new PSQLException("Database connection failed when reading from copy", PSQLState.CONNECTION_FAILURE,
                        new SocketException("Connection reset"))))).isTrue();
        assertThat(restartable(new PSQLException("FATAL: the database system is starting up", PSQLState.CONNECTION_REJECTED)))
                .isTrue();
        assertThat(restartable(new PSQLException("FATAL: terminating connection due to administrator command",
                PSQLState.CONNECTION_FAILURE))).isTrue();
        assertThat(restartable(new EventLogException("cannot append 3 events to the event log: I/O error",
                new SQLException("An I/O error occurred while sending to the backend.")))).isTrue();
        assertThat(restartable(new IllegalStateException((String) null))).isTrue();
    }

    @Test
    void aGoneSlotOrItsLostWalIsNotAndTheMessageSaysWhatToDo() {
        assertThat(Restartability.permanent(new ConnectException("task failed", new DebeziumException(
                "Last recorded offset is no longer available on the server.")), "shop", "cutover_shop")).hasValueSatisfying(m ->
                assertThat(m).startsWith("bridge shop cannot resume: its replication slot cutover_shop is gone")
                        .contains("DELETE FROM cutover.bridge_offset WHERE bridge = 'shop';")
                        .endsWith("(Last recorded offset is no longer available on the server.)"));
        assertThat(restartable(new PSQLException("ERROR: replication slot \"cutover_shop\" does not exist",
                PSQLState.UNDEFINED_OBJECT))).isFalse();
        assertThat(restartable(new DebeziumException("wrapped", new PSQLException(
                "ERROR: can no longer get changes from replication slot \"cutover_shop\"", PSQLState.UNKNOWN_STATE)))).isFalse();
        assertThat(restartable(new PSQLException("ERROR: requested WAL segment 000000010000000000000003 has already been removed",
                PSQLState.UNKNOWN_STATE))).isFalse();
        assertThat(restartable(new PSQLException("ERROR: replication slot \"cutover_shop\" is active for PID 42",
                PSQLState.OBJECT_IN_USE))).as("busy, not gone: the old walsender lets go").isTrue();
    }

    @Test
    void anExecutorThatRefusesWorkIsNot() {
        assertThat(Restartability.permanent(new RejectedExecutionException("executor shut down"), "shop", "cutover_shop"))
                .hasValueSatisfying(m -> assertThat(m).contains("executor refused to run the engine (executor shut down)"));
    }

    @Test
    void aCauseCycleEnds() {
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);
        assertThat(restartable(a)).isTrue();
    }
}

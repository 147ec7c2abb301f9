package io.cutover.plan.cli;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.cutover.plan.internal.Words;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "dlq", mixinStandardHelpOptions = true,
        description = "A consumer's dead letters: list them, redrive one, or skip one for good.",
        subcommands = {DeadLetterCommand.List.class, DeadLetterCommand.Redrive.class, DeadLetterCommand.Skip.class})
final class DeadLetterCommand {

    private static final int ERROR_WIDTH = 80;

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "The consumer's parked dead letters, oldest first; later events of their keys wait behind them.")
    static final class List extends AdminApiCommand {

        @Parameters(index = "0", paramLabel = "CONSUMER")
        String consumer;

        @Override
        public void run() {
            JsonNode letters = admin().get("/consumers/" + segment(consumer) + "/dead-letters");
            if (letters.isEmpty()) {
                out().println("no dead letters for " + consumer);
                return;
            }
            out().printf("%-36s %9s %-16s %-20s %8s %-20s %s%n", "EVENT", "SEQUENCE", "KEY", "TYPE", "ATTEMPTS",
                    "DEAD SINCE (UTC)", "ERROR");
            for (JsonNode letter : letters) {
                out().printf("%-36s %9d %-16s %-20s %8d %-20s %s%n", letter.path("eventId").asText(),
                        letter.path("sequence").asLong(), letter.path("partitionKey").asText(),
                        letter.path("eventType").asText(), letter.path("attempts").asInt(),
                        Words.utc(Instant.parse(letter.path("deadAt").asText())),
                        firstLine(letter.path("error").asText()));
            }
            out().println(letters.size() + " dead letter(s); `cutover dlq redrive` or `cutover dlq skip` releases each");
        }

        private static String firstLine(String error) {
            String line = error.lines().findFirst().orElse("");
            return line.length() > ERROR_WIDTH ? line.substring(0, ERROR_WIDTH - 1) + "…" : line;
        }
    }

    @Command(name = "redrive", mixinStandardHelpOptions = true,
            description = "Retry a dead letter with the full retry policy; on success the events parked behind it run.")
    static final class Redrive extends AdminApiCommand {

        @Parameters(index = "0", paramLabel = "CONSUMER")
        String consumer;

        @Parameters(index = "1", paramLabel = "EVENT_ID")
        String eventId;

        @Override
        public void run() {
            JsonNode result = admin().post(path(consumer, eventId, "redrive"), Map.of());
            out().println(result.path("redriven").asBoolean()
                    ? "redriven: event " + eventId + " went through; the events parked behind it are running"
                    : "event " + eventId + " failed again and stays parked; see `cutover dlq list " + consumer + "`");
        }
    }

    @Command(name = "skip", mixinStandardHelpOptions = true,
            description = "Give up on a dead letter for good (audited), releasing the events parked behind it.")
    static final class Skip extends AdminApiCommand {

        @Parameters(index = "0", paramLabel = "CONSUMER")
        String consumer;

        @Parameters(index = "1", paramLabel = "EVENT_ID")
        String eventId;

        @Option(names = "--reason", required = true, description = "why the effect is given up; kept with the dead letter")
        String reason;

        @Override
        public void run() {
            admin().post(path(consumer, eventId, "skip"), Map.of("reason", reason));
            out().println("skipped: event " + eventId + " of " + consumer + " will not be retried; its key moves on");
        }
    }

    static String path(String consumer, String eventId, String action) {
        return "/consumers/" + AdminApiCommand.segment(consumer) + "/dead-letters/" + AdminApiCommand.segment(eventId)
                + "/" + action;
    }
}

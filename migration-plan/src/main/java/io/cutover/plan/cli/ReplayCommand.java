package io.cutover.plan.cli;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Re-run a consumer from a log position or time; events already done are passed over, so no"
                + " effect is repeated.")
final class ReplayCommand extends AdminApiCommand {

    @Parameters(index = "0", paramLabel = "CONSUMER")
    String consumer;

    @Option(names = "--from", required = true, paramLabel = "SEQUENCE|TIME",
            description = "an event log sequence (e.g. 1200) or an ISO-8601 instant (e.g. 2026-11-24T09:00:00Z)")
    String from;

    @Override
    public void run() {
        Map<String, Object> body;
        if (from.matches("\\d+")) {
            body = Map.of("fromSequence", Long.parseLong(from));
        } else {
            try {
                body = Map.of("fromTime", Instant.parse(from).toString());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("--from must be a log sequence or an ISO-8601 instant such as"
                        + " 2026-11-24T09:00:00Z, not '" + from + "'", e);
            }
        }
        long next = admin().post("/consumers/" + segment(consumer) + "/replay", body).path("nextSequence").asLong();
        out().println(consumer + " replays from sequence " + next + "; events already done are passed over");
    }
}

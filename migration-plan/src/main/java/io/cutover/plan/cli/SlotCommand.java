package io.cutover.plan.cli;

import java.time.Duration;

import io.cutover.bridge.ReplicationSlot;
import io.cutover.bridge.ReplicationSlots;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "slot", mixinStandardHelpOptions = true,
        description = "Logical replication slots: what each holds back, and decommissioning a bridge's slot.",
        subcommands = {SlotCommand.Status.class, SlotCommand.Drop.class})
final class SlotCommand {

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Every logical slot of the database with the WAL it retains.")
    static final class Status extends FlagStoreCommand {

        @Override
        public void run() {
            java.util.List<ReplicationSlot> slots = new ReplicationSlots(dataSource()).list();
            if (slots.isEmpty()) {
                out().println("no logical replication slots in this database");
                return;
            }
            out().printf("%-32s %-10s %-7s %-14s %12s %-10s %s%n", "SLOT", "PLUGIN", "ACTIVE", "CONFIRMED LSN",
                    "LAG", "WAL", "BRIDGE");
            for (ReplicationSlot slot : slots) {
                out().printf("%-32s %-10s %-7s %-14s %12s %-10s %s%n", slot.name(), slot.plugin(),
                        slot.active() ? "yes" : "no", slot.confirmedFlushLsn(), bytes(slot.lagBytes()),
                        slot.walStatus(), slot.bridge() == null ? "-" : slot.bridge());
            }
        }
    }

    @Command(name = "drop", mixinStandardHelpOptions = true,
            description = "Decommission a stopped bridge: drop its slot, its publication and its stored offsets."
                    + " The event log stays; a later start of that bridge captures from then on.")
    static final class Drop extends FlagStoreCommand {

        @Parameters(index = "0", paramLabel = "BRIDGE", description = "the bridge's name (cutover.bridge.name)")
        String bridge;

        @Option(names = "--slot", description = "the slot, when not cutover_<bridge>")
        String slot;

        @Option(names = "--publication", description = "the publication, when not cutover_<bridge>")
        String publication;

        @Option(names = "--reason", required = true, description = "why; printed and logged")
        String reason;

        @Option(names = "--wait", defaultValue = "PT10S", description = "how long to wait for a reader to let go (ISO-8601, default PT10S)")
        Duration wait;

        @Override
        public void run() {
            String slotName = slot == null ? ReplicationSlots.DEFAULT_NAME_PREFIX + bridge : slot;
            String publicationName = publication == null ? ReplicationSlots.DEFAULT_NAME_PREFIX + bridge : publication;
            new ReplicationSlots(dataSource()).decommission(bridge, slotName, publicationName, wait);
            out().println("bridge " + bridge + " decommissioned by " + actorOr(null) + ": slot " + slotName
                    + ", publication " + publicationName + " and offsets dropped (" + reason + ")");
        }
    }

    static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String units = "KMGT";
        int unit = (int) (Math.log(bytes) / Math.log(1024)) - 1;
        unit = Math.min(unit, units.length() - 1);
        return String.format("%.1f %siB", bytes / Math.pow(1024, unit + 1), units.charAt(unit));
    }
}

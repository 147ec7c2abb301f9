package io.cutover.bridge;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * The past-tense rule for event types. A type is UpperCamelCase ASCII ({@code [A-Z][A-Za-z0-9]*}) of at least two
 * words (a noun and what happened to it), and its last word is a past participle:
 * <ul>
 * <li>it ends in {@code -ed} ({@code OrderConfirmed}, {@code StockAdjusted}), unless it is one of the few words that
 * only look past ({@link #NOT_PAST}: {@code Need}, {@code Feed}, {@code Speed}, {@code Proceed}...), or</li>
 * <li>it is one of the irregular participles in {@link #IRREGULAR} ({@code Sent}, {@code Paid}, {@code Sold},
 * {@code Written}, {@code Built}...).</li>
 * </ul>
 * Deliberately a fixed list, not a dictionary: a type the rule refuses can be renamed, never silently let through.
 */
public final class EventTypes {
    public static final Set<String> IRREGULAR = Set.of("Arisen", "Become", "Begun", "Bent", "Bet", "Bid", "Bitten",
            "Blown", "Born", "Bought", "Bound", "Broadcast", "Broken", "Brought", "Built", "Burnt", "Cast", "Caught",
            "Chosen", "Come", "Cut", "Dealt", "Done", "Drawn", "Driven", "Dug", "Eaten", "Fallen", "Fed", "Felt",
            "Forecast", "Forgiven", "Forgotten", "Found", "Frozen", "Given", "Gone", "Got", "Gotten", "Grown", "Held",
            "Hidden", "Hit", "Hung", "Hurt", "Kept", "Known", "Laid", "Led", "Left", "Lent", "Let", "Lost", "Made",
            "Meant", "Met", "Overridden", "Paid", "Put", "Quit", "Read", "Rebuilt", "Redone", "Reset", "Resent",
            "Rewritten", "Ridden", "Risen", "Run", "Said", "Seen", "Sent", "Set", "Shaken", "Shed", "Shown", "Shut",
            "Sold", "Sought", "Spent", "Split", "Spoken", "Spread", "Stolen", "Struck", "Stuck", "Sworn", "Taken",
            "Taught", "Thrown", "Told", "Torn", "Understood", "Undone", "Upheld", "Withdrawn", "Withheld", "Woken",
            "Won", "Worn", "Written");
    /** Words ending in -ed that are not past participles. */
    public static final Set<String> NOT_PAST = Set.of("Bed", "Bleed", "Breed", "Creed", "Deed", "Embed", "Exceed",
            "Feed", "Greed", "Heed", "Hundred", "Need", "Proceed", "Red", "Reed", "Seed", "Speed", "Succeed", "Weed");

    private static final Pattern CAMEL = Pattern.compile("[A-Z][A-Za-z0-9]*");
    private static final Pattern WORD = Pattern.compile("[A-Z][a-z0-9]*");

    private EventTypes() {
    }

    public static boolean isPastTense(String type) {
        return problem(type) == null;
    }

    /** Why {@code type} breaks the rule, or null when it follows it. */
    public static String problem(String type) {
        if (type == null || !CAMEL.matcher(type).matches()) {
            return "event type '" + type + "' must be UpperCamelCase ASCII letters and digits, e.g. OrderConfirmed";
        }
        var words = WORD.matcher(type).results().map(m -> m.group()).toList();
        if (words.size() < 2) {
            return "event type '" + type + "' must name the thing and what happened to it, e.g. Order" + type;
        }
        String last = words.get(words.size() - 1);
        boolean past = IRREGULAR.contains(last) || (last.endsWith("ed") && !NOT_PAST.contains(last));
        if (!past) {
            return "event type '" + type + "' must be past tense: its last word '" + last
                    + "' must end in -ed or be an irregular past participle (Sent, Paid, Sold...)";
        }
        return null;
    }
}

package io.cutover.consumers.compare.spi;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;

import io.cutover.consumers.compare.ComparisonException;
import io.cutover.consumers.compare.internal.Normalisers;
import io.cutover.consumers.compare.internal.PathPattern;

/**
 * Removes a difference that does not matter before two effects are compared. Paths are JSON Pointers (RFC 6901)
 * in which a {@code *} segment matches every array element or object member (<code>/lines/*&#47;id</code>).
 *
 * <p>Contract: both arguments are private deep copies the normaliser may rewrite in place (the document roots
 * themselves stay the same objects); effects that are equal before normalising must stay equal after it, because the
 * engine does not normalise a pair that is already equal. Factories refuse malformed pointers with a
 * {@link ComparisonException}.
 */
@FunctionalInterface
public interface Normaliser {

    void normalise(JsonNode legacy, JsonNode shadow);

    default Normaliser andThen(Normaliser next) {
        Objects.requireNonNull(next, "next");
        return (legacy, shadow) -> {
            normalise(legacy, shadow);
            next.normalise(legacy, shadow);
        };
    }

    /** Leaves both effects alone. */
    static Normaliser none() {
        return (legacy, shadow) -> { };
    }

    /** Drops the value at the path on both sides (timestamps, generated ids). */
    static Normaliser ignoring(String pointer) {
        PathPattern path = Normalisers.nonRoot(pointer, "ignoring");
        return Normalisers.eachSide(doc -> path.forEach(doc,
                (container, field, index, value) -> PathPattern.remove(container, field, index)));
    }

    /** Rewrites the value at the path with the function, on both sides (a plug-in point of its own). */
    static Normaliser rewriting(String pointer, UnaryOperator<JsonNode> rewrite) {
        Objects.requireNonNull(rewrite, "rewrite");
        return Normalisers.rewriting(Normalisers.nonRoot(pointer, "rewriting"), rewrite);
    }

    /** Strips leading and trailing white space of the string at the path. */
    static Normaliser trimmed(String pointer) {
        return Normalisers.rewriting(Normalisers.nonRoot(pointer, "trimmed"), Normalisers::trim);
    }

    /** Lower-cases (locale independent) the string at the path. */
    static Normaliser lowercased(String pointer) {
        return Normalisers.rewriting(Normalisers.nonRoot(pointer, "lowercased"), Normalisers::lowercase);
    }

    /** Rounds the number at the path half-up to the given decimals (so 1, 1.0 and 1.004 all become 1.00). */
    static Normaliser rounded(String pointer, int decimals) {
        if (decimals < 0 || decimals > 18) {
            throw new ComparisonException("rounded: decimals must be between 0 and 18, was " + decimals);
        }
        return Normalisers.rewriting(Normalisers.nonRoot(pointer, "rounded"), node -> Normalisers.round(node, decimals));
    }

    /**
     * Treats the numbers at the path as equal when they differ by at most {@code within}: the shadow value is then
     * replaced by the legacy one, so a larger difference still shows with both real values.
     */
    static Normaliser tolerance(String pointer, BigDecimal within) {
        Objects.requireNonNull(within, "within");
        if (within.signum() < 0) {
            throw new ComparisonException("tolerance: within must not be negative, was " + within);
        }
        return Normalisers.tolerance(Normalisers.nonRoot(pointer, "tolerance"), within);
    }

    /**
     * Sorts the array at the path by the value each element has at {@code keyPointer} (a plain JSON Pointer relative
     * to the element; empty = the element itself), so that order does not matter. Missing keys sort first; numbers
     * numerically, everything else by its text.
     */
    static Normaliser sortedBy(String arrayPointer, String keyPointer) {
        return Normalisers.sortedBy(PathPattern.parse(arrayPointer), keyPointer);
    }

    /** Treats a member that is null as missing, at and below the path ({@code ""} = the whole effect). */
    static Normaliser missingAsNull(String pointer) {
        PathPattern path = PathPattern.parse(pointer);
        return Normalisers.eachSide(doc -> path.forEachNode(doc, Normalisers::dropNullMembers));
    }
}

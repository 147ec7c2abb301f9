package io.cutover.consumers.compare.spi;

import java.util.List;

/**
 * Where the comparator reads one side's effects from: today the {@code cutover} tables, later a CDC-fed stream. The
 * comparator keeps the position of the last effect it took, in the same transaction as the results, and asks for
 * what follows; a source must therefore hand out every effect once its position is passed, never a younger one
 * before an older one it has not handed out yet.
 */
@FunctionalInterface
public interface EffectSource {

    /**
     * At most {@code max} effects with a position greater than {@code position}, in position order; an empty list
     * when nothing new is ready. Never null. Failures surface as {@link io.cutover.consumers.compare.ComparisonException}.
     */
    List<RecordedEffect> after(long position, int max);
}

/**
 * The shadow comparator: {@link io.cutover.consumers.compare.EffectComparator} (the pure engine),
 * {@link io.cutover.consumers.compare.ComparisonJob} (the incremental join of the legacy journal and shadow effects,
 * results in {@code cutover.comparison_result}), {@link io.cutover.consumers.compare.ComparisonResults} (per-flow
 * summaries for the reports) and their configuration. Plug-in points ({@code Normaliser}, {@code EffectSource}) live
 * in {@code spi}; everything in {@code internal} may change without notice.
 */
package io.cutover.consumers.compare;

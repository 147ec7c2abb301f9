/**
 * Shadow-comparison reports: {@link io.cutover.plan.report.Reports} reads a {@link io.cutover.plan.report.CutoverReport}
 * from the {@code cutover} schema, {@link io.cutover.plan.report.ReportWriter} writes it as JSON and as a
 * self-contained HTML page with SVG charts.
 */
package io.cutover.plan.report;

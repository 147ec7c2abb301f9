/**
 * The plan file, readiness gates, shadow-comparison reports, the {@code cutover} CLI and the admin API and page.
 */
package io.cutover.plan;

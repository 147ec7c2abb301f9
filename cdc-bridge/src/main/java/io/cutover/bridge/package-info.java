/**
 * Debezium Embedded (pgoutput) capture of the legacy tables, the declarative event catalog that turns row changes
 * into past-tense domain events, the event envelope and the append-only event log.
 */
package io.cutover.bridge;

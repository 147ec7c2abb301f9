/**
 * Implementation of the bridge: catalog reading, Debezium wiring (engine properties, record conversion, the batch
 * handler, the PostgreSQL offset store), the database preparation and the PostgreSQL event log. Not API: may change
 * without notice.
 */
package io.cutover.bridge.internal;

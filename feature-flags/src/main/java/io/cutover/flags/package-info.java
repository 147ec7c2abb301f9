/**
 * Flows and their stages (LEGACY, SHADOW, CANARY n%, CUTOVER), the audited flag store and the legacy shim that
 * stamps, inside the legacy transaction, which path performs each effect. Depends on JDBC only, so the shim drops
 * into any WAR.
 */
package io.cutover.flags;

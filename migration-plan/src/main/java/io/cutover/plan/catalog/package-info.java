/** {@code cutover catalog}: the event catalog and flow diagram generated from the configuration. */
package io.cutover.plan.catalog;

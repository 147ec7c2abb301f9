/**
 * Plug-in points of the consumer runtime: a {@link io.cutover.consumers.spi.Consumer} names the events it accepts, the
 * flow firing each one, and performs its effects through {@link io.cutover.consumers.spi.Effects}, which the runtime
 * backs with real ports (the new path acts) or recorders (shadow run).
 */
package io.cutover.consumers.spi;

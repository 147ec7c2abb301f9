/** The runtime's machinery; not an API, may change at any time. */
package io.cutover.consumers.internal;

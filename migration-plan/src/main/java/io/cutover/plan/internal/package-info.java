/** The plan reader, the gates' queries and number formatting; not API. */
package io.cutover.plan.internal;

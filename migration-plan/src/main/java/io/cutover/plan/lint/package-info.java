/** {@code cutover lint}: checks a plan with its event catalog and comparator configuration, findings by severity. */
package io.cutover.plan.lint;

package io.cutover.plan.report;

import io.cutover.plan.PlanException;

/** A report that cannot be built (database unreadable), written (file system) or read back (not a report.json). */
public class ReportException extends PlanException {

    public ReportException(String message, Throwable cause) {
        super(message, cause);
    }
}

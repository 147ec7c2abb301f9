package io.cutover.plan.report;

import java.nio.file.Path;

/** Where {@link ReportWriter#write} put the report: {@code report.json} and {@code report.html}. */
public record ReportFiles(Path json, Path html) { }

package io.cutover.plan.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

import io.cutover.plan.report.internal.HtmlReport;
import io.cutover.plan.report.internal.ReportJson;

/**
 * Writes a {@link CutoverReport} as {@code report.json} (for machines: snake_case names, ISO-8601 instants, rates as
 * fractions) and {@code report.html} (for people: one self-contained page with inline CSS and SVG charts, no script
 * and no external resource, every report value escaped). Both in UTF-8.
 */
public final class ReportWriter {

    public static final String JSON_FILE = "report.json";
    public static final String HTML_FILE = "report.html";

    private ReportWriter() {
    }

    /**
     * Writes both files into {@code dir} (created if missing), each replacing an earlier one atomically: a reader sees
     * the old report or the new one, never half of one.
     *
     * @throws ReportException when the files cannot be written
     */
    public static ReportFiles write(CutoverReport report, Path dir) {
        try {
            Files.createDirectories(dir);
            Path json = replace(dir.resolve(JSON_FILE), out -> ReportJson.write(report, out));
            Path html = replace(dir.resolve(HTML_FILE), out -> writeHtml(report, out));
            return new ReportFiles(json, html);
        } catch (IOException | UncheckedIOException e) {
            throw new ReportException("cannot write the report into " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Renders {@code report.html} beside an existing {@code report.json} (e.g. one copied from a server). */
    public static Path renderHtml(Path json) {
        CutoverReport report = read(json);
        Path dir = json.toAbsolutePath().getParent();
        try {
            return replace(dir.resolve(HTML_FILE), out -> writeHtml(report, out));
        } catch (IOException | UncheckedIOException e) {
            throw new ReportException("cannot write " + dir.resolve(HTML_FILE) + ": " + e.getMessage(), e);
        }
    }

    /** Reads a {@code report.json}; fields it does not know (from a newer version) are ignored. */
    public static CutoverReport read(Path json) {
        try (InputStream in = Files.newInputStream(json)) {
            return ReportJson.read(in);
        } catch (IOException e) {
            throw new ReportException("cannot read the report " + json + ": " + e.getMessage(), e);
        }
    }

    /** The JSON to {@code out}, which stays open (an HTTP response, say). */
    public static void writeJson(CutoverReport report, OutputStream out) throws IOException {
        ReportJson.write(report, out);
    }

    /** The HTML page to {@code out} in UTF-8; {@code out} stays open. */
    public static void writeHtml(CutoverReport report, OutputStream out) throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        HtmlReport.write(report, writer);
    }

    public static String json(CutoverReport report) {
        return inMemory(out -> writeJson(report, out));
    }

    public static String html(CutoverReport report) {
        return inMemory(out -> writeHtml(report, out));
    }

    private interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private static String inMemory(Content content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            content.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * Writes a temporary file beside {@code target}, then moves it over {@code target}. Not {@code createTempFile}:
     * its owner-only permissions would keep a web server or a colleague from reading the report.
     */
    private static Path replace(Path target, Content content) throws IOException {
        Path temporary = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(temporary, StandardOpenOption.CREATE_NEW)) {
                content.writeTo(out);
            }
            try {
                return Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                return Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}

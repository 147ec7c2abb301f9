package io.cutover.plan.report.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.cutover.plan.report.CutoverReport;

/** {@code report.json}: snake_case names like the event envelope, ISO-8601 instants, indented for diffs by eye. */
public final class ReportJson {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            // additive evolution: a newer report.json still reads
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private ReportJson() {
    }

    public static void write(CutoverReport report, OutputStream out) throws IOException {
        JSON.writeValue(out, report);
    }

    public static CutoverReport read(InputStream in) throws IOException {
        return JSON.readValue(in, CutoverReport.class);
    }
}

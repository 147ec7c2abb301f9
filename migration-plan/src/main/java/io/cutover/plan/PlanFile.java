package io.cutover.plan;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.cutover.bridge.yaml.YamlException;
import io.cutover.bridge.yaml.YamlNode;
import io.cutover.plan.internal.PlanReader;

/**
 * Reads a plan file (format and defaults: the module README, "Plan file"). A file that cannot be used is refused with
 * a {@link PlanException} saying {@code file:line: field: reason}.
 */
public final class PlanFile {

    /** Where the CLI looks for the plan when {@code --plan} is not given. */
    public static final String ENVIRONMENT = "CUTOVER_PLAN";

    private PlanFile() {
    }

    public static Plan load(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return PlanReader.read(file, YamlNode.parse(file.toString(), reader));
        } catch (YamlException e) {
            throw new PlanException(e.getMessage(), e);
        } catch (IOException e) {
            throw new PlanException(file + ": cannot read the plan: " + e.getMessage(), e);
        }
    }
}

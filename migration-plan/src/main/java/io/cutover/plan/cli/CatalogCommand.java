package io.cutover.plan.cli;

import java.util.concurrent.Callable;

import io.cutover.bridge.EventCatalog;
import io.cutover.plan.Plan;
import io.cutover.plan.catalog.CatalogDocument;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "catalog", mixinStandardHelpOptions = true,
        description = "Print the event catalog generated from the plan's configuration: a Markdown table (event, payload,"
                + " publisher, listeners, delivery, idempotency) with the flows and a Mermaid diagram, or the diagram alone.")
final class CatalogCommand implements Callable<Integer> {

    enum Format { markdown, mermaid }

    @Mixin
    PlanOptions plan;

    @Option(names = "--format", defaultValue = "markdown", description = "markdown (default) or mermaid")
    Format format;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Plan loaded = plan.load();
        CatalogDocument document = new CatalogDocument(EventCatalog.load(loaded.catalog()), loaded);
        spec.commandLine().getOut().print(format == Format.markdown ? document.markdown() : document.mermaid());
        spec.commandLine().getOut().flush();
        return 0;
    }
}

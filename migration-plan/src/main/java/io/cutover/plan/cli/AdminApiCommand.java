package io.cutover.plan.cli;

import io.cutover.plan.client.AdminClient;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import picocli.CommandLine.Mixin;

/** A command that acts on the running consumers through the cutover WAR's admin API. */
abstract class AdminApiCommand extends CliCommand {

    @Mixin
    AdminApiOptions api;

    AdminClient admin() {
        return cli().adminClient(api);
    }

    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}

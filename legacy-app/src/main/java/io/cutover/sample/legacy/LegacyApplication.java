package io.cutover.sample.legacy;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The shop's JSON API, under {@code /api}. Resources and exception mappers are discovered by scanning. */
@ApplicationPath("/api")
public class LegacyApplication extends Application {
}

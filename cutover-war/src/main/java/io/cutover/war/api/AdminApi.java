package io.cutover.war.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The admin API under {@code /cutover/api}; web.xml requires a user of role viewer or operator for all of it. */
@ApplicationPath("api")
public class AdminApi extends Application {
}

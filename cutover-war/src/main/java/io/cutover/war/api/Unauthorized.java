package io.cutover.war.api;

import java.io.IOException;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The container's 401 (web.xml error page) as a JSON problem. For the page's own calls ({@value #PAGE_HEADER}: {@value
 * #PAGE}) the Basic challenge is renamed, so a browser answers a wrong password to the page's script instead of
 * opening its own login dialog; other clients keep the standard challenge.
 */
@WebServlet("/problems/unauthorized")
public class Unauthorized extends HttpServlet {
    static final String PAGE_HEADER = "X-Requested-With";
    static final String PAGE = "cutover-page";
    private static final String BODY = "{\"status\":401,\"title\":\"Unauthorized\",\"detail\":\"the admin API needs the "
            + "user name and password of an operator or a viewer (HTTP Basic)\"}";

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (PAGE.equals(request.getHeader(PAGE_HEADER))) {
            response.setHeader("WWW-Authenticate", "CutoverPage realm=\"cutover\"");
        }
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setContentType("application/json");
        response.getWriter().write(BODY);
    }
}

package io.cutover.war.api;

/** The JSON body of every error. */
public record Problem(int status, String title, String detail) {
}

package io.weft.console;

import io.javalin.http.Context;

/**
 * Who makes a request: a user logged in through a session, or an API token acting with its role.
 *
 * @param name the user's name, or {@code token:<name>} for an API token (so the audit log tells them apart)
 * @param role what the request may do
 */
record Principal(String name, Role role) {
    private static final String ATTRIBUTE = "weft.console.principal";

    /** Remembers {@code principal} as the one making {@code ctx}'s request. */
    void attach(Context ctx) {
        ctx.attribute(ATTRIBUTE, this);
    }

    /** The principal {@link #attach attached} to {@code ctx}; every {@code /api} route but login has one. */
    static Principal of(Context ctx) {
        Principal principal = ctx.attribute(ATTRIBUTE);
        if (principal == null) {
            throw new ApiError(401, "log in first");
        }
        return principal;
    }
}

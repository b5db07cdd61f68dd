package io.weft.console;

import io.javalin.http.Context;

/** Optional numeric query parameters with bounds; a bad value is a 400 that names the parameter. */
final class QueryParams {
    private QueryParams() {}

    /** {@code name}'s value in {@code min..max}, or {@code absent} when the request has none. */
    static long bounded(Context ctx, String name, long min, long max, long absent) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isEmpty()) {
            return absent;
        }
        try {
            long value = Long.parseLong(raw.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // the same answer as out of range
        }
        throw new ApiError(400, "query parameter " + name + "='" + raw + "' must be an integer in " + min + ".." + max);
    }
}

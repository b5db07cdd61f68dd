package io.weft.console;

import io.javalin.http.Context;

/**
 * The REST side of the console's memory: {@code GET /api/services/{service}/history?minutes=N},
 * {@code GET /api/services/{service}/instances/{instance}/history?minutes=N} (404 when the console
 * never saw a heartbeat of that instance) and {@code GET /api/topology}. {@code minutes} defaults to
 * the whole retention; outside 1..retention it is a 400 naming the parameter.
 */
final class HistoryApi {
    private final MetricsHistory history;
    private final Topology topology;
    private final int maxMinutes;

    HistoryApi(MetricsHistory history, Topology topology) {
        this.history = history;
        this.topology = topology;
        this.maxMinutes = (int) Math.max(1, history.retention().toMinutes());
    }

    void service(Context ctx) {
        ctx.json(history.service(ctx.pathParam("service"), minutes(ctx)));
    }

    void instance(Context ctx) {
        String service = ctx.pathParam("service");
        String instance = ctx.pathParam("instance");
        ctx.json(history.instance(service, instance, minutes(ctx)).orElseThrow(() -> new ApiError(404,
                "no history for instance " + instance + " of " + service + ": the console has seen no heartbeat of it")));
    }

    void topology(Context ctx) {
        ctx.json(topology.graph());
    }

    private int minutes(Context ctx) {
        String raw = ctx.queryParam("minutes");
        if (raw == null) {
            return maxMinutes;
        }
        try {
            int minutes = Integer.parseInt(raw.trim());
            if (minutes >= 1 && minutes <= maxMinutes) {
                return minutes;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new ApiError(400, "minutes must be a whole number from 1 to " + maxMinutes + " (the console keeps "
                + maxMinutes + " minutes), got '" + raw + "'");
    }
}

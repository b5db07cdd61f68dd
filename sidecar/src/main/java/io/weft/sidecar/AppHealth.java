package io.weft.sidecar;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application's heartbeat (DESIGN §9): GETs {@code {app-url}{health-path}} every interval
 * (a 2xx within the interval passes). The instance joins the rotation on the first pass after start,
 * leaves it after {@value #FAILURES_TO_LEAVE} failures in a row and rejoins after
 * {@value #PASSES_TO_REJOIN} passes in a row; {@link #share()} is the share of the last
 * {@value #WINDOW} checks that passed ({@code status.health}). Checks and rotation changes run on
 * the one scheduler thread; {@link #share()} and {@link #inRotation()} may be read from any thread.
 */
final class AppHealth {
    static final int FAILURES_TO_LEAVE = 3;
    static final int PASSES_TO_REJOIN = 2;
    static final int WINDOW = 10;
    private static final Logger log = LoggerFactory.getLogger(AppHealth.class);

    /** What happens when the instance joins or leaves the rotation; called on the scheduler thread. */
    interface Rotation {
        void join();

        void leave();
    }

    private final HttpClient http;
    private final URI uri;
    private final Duration interval;
    private final Rotation rotation;
    private final boolean[] recent = new boolean[WINDOW];
    private int recorded;
    private int next;
    private int failuresInARow;
    private int passesInARow;
    private boolean everJoined;
    private volatile boolean inRotation;
    private volatile double share = 0;

    AppHealth(HttpClient http, URI uri, Duration interval, Rotation rotation) {
        this.http = http;
        this.uri = uri;
        this.interval = interval;
        this.rotation = rotation;
    }

    /** Checks now, then every interval. */
    void start(ScheduledExecutorService scheduler) {
        scheduler.scheduleWithFixedDelay(this::check, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    boolean inRotation() {
        return inRotation;
    }

    /** The share of recent checks that passed, in [0, 1]; 0 before the first check. */
    double share() {
        return share;
    }

    private void check() {
        boolean passed;
        String why = null;
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(uri).timeout(interval).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            passed = response.statusCode() >= 200 && response.statusCode() < 300;
            if (!passed) {
                why = "HTTP " + response.statusCode();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            passed = false;
            why = e.toString();
        }
        try {
            record(passed, why);
        } catch (RuntimeException e) {
            log.warn("changing the rotation of the application failed: {}", e.toString());
        }
    }

    void record(boolean passed, String why) {
        recent[next] = passed;
        next = (next + 1) % WINDOW;
        recorded = Math.min(recorded + 1, WINDOW);
        int ok = 0;
        for (int i = 0; i < recorded; i++) {
            ok += recent[i] ? 1 : 0;
        }
        share = (double) ok / recorded;
        if (passed) {
            failuresInARow = 0;
            passesInARow++;
            if (!inRotation && passesInARow >= (everJoined ? PASSES_TO_REJOIN : 1)) {
                log.info("application healthy at {}: {} the rotation", uri, everJoined ? "rejoining" : "joining");
                rotation.join();
                everJoined = true;
                inRotation = true;
            }
        } else {
            passesInARow = 0;
            failuresInARow++;
            if (inRotation && failuresInARow >= FAILURES_TO_LEAVE) {
                log.warn("application unhealthy at {} ({} checks failed in a row, last: {}): leaving the rotation",
                        uri, failuresInARow, why);
                inRotation = false;
                rotation.leave();
            } else if (failuresInARow == 1) {
                log.info("health check of {} failed: {}", uri, why);
            }
        }
    }
}

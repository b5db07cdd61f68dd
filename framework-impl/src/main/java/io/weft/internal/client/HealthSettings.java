package io.weft.internal.client;

import io.weft.WeftConfig;
import io.weft.WeftConfigException;
import java.time.Duration;

/**
 * The consumer's health model parameters (DESIGN §3).
 *
 * @param alpha weight of each new sample in the health EWMA
 * @param ejectionThreshold δ: an instance whose health falls below it is ejected
 * @param baseEjection first ejection period; doubles on each repeated ejection
 * @param maxEjection ceiling of the ejection period
 * @param minHealthyShare never eject when fewer than this share of instances would stay in rotation
 * @param warmup how long a freshly started provider takes to reach its full weight
 * @param stallFloor a busy connection whose provider read nothing for this long (at least) after a
 *     call was sent is suspect: taken out of rotation and PINGed
 * @param stallFactor … or for this many times its average response time, when that is longer
 * @param stallPingTimeout a suspect connection whose PING gets no PONG within this is closed (its
 *     calls fail {@code UNAVAILABLE} at once instead of at their deadlines)
 */
record HealthSettings(double alpha, double ejectionThreshold, Duration baseEjection, Duration maxEjection,
                      double minHealthyShare, Duration warmup, Duration stallFloor, double stallFactor,
                      Duration stallPingTimeout) {

    static final String ALPHA = "weft.health.alpha";
    static final String EJECTION_THRESHOLD = "weft.health.ejection-threshold";
    static final String BASE_EJECTION_MS = "weft.health.base-ejection-ms";
    static final String MAX_EJECTION_MS = "weft.health.max-ejection-ms";
    static final String MIN_HEALTHY_SHARE = "weft.health.min-healthy-share";
    static final String WARMUP_MS = "weft.client.warmup-ms";
    static final String STALL_FLOOR_MS = "weft.health.stall-floor-ms";
    static final String STALL_FACTOR = "weft.health.stall-factor";
    static final String STALL_PING_TIMEOUT_MS = "weft.health.stall-ping-timeout-ms";

    static HealthSettings from(WeftConfig config) {
        Duration base = config.getMillis(BASE_EJECTION_MS, 5000, 1);
        Duration max = config.getMillis(MAX_EJECTION_MS, 300_000, 1);
        if (max.compareTo(base) < 0) {
            throw WeftConfigException.badValue(MAX_EJECTION_MS, Long.toString(max.toMillis()),
                    "must be at least " + BASE_EJECTION_MS + " (" + base.toMillis() + ")");
        }
        return new HealthSettings(
                config.getDouble(ALPHA, 0.1, 0.001, 1),
                config.getDouble(EJECTION_THRESHOLD, 0.5, 0, 1),
                base,
                max,
                config.getDouble(MIN_HEALTHY_SHARE, 0.5, 0, 1),
                config.getMillis(WARMUP_MS, 30_000, 0),
                config.getMillis(STALL_FLOOR_MS, 250, 10),
                config.getDouble(STALL_FACTOR, 8, 1, 1000),
                config.getMillis(STALL_PING_TIMEOUT_MS, 1000, 10));
    }

    StallWatch newStallWatch() {
        return new StallWatch(stallFloor.toNanos(), stallFactor);
    }

    /** The health an instance starts again with after its ejection period: halfway from δ to 1. */
    double readmittedHealth() {
        return ejectionThreshold + (1 - ejectionThreshold) / 2;
    }

    /** The ejection period for the {@code n}-th ejection in a row (1-based). */
    Duration ejectionPeriod(int n) {
        long ms = baseEjection.toMillis() << Math.min(n - 1, 20);
        return Duration.ofMillis(Math.min(ms, maxEjection.toMillis()));
    }
}

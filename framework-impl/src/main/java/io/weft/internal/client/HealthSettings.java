package io.weft.internal.client;

import io.weft.WeftConfig;
import io.weft.WeftConfigException;
import io.weft.WeftKeys;
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

    static HealthSettings from(WeftConfig config) {
        Duration base = config.get(WeftKeys.HEALTH_BASE_EJECTION);
        Duration max = config.get(WeftKeys.HEALTH_MAX_EJECTION);
        if (max.compareTo(base) < 0) {
            throw WeftConfigException.badValue(WeftKeys.HEALTH_MAX_EJECTION.name(), Long.toString(max.toMillis()),
                    "must be at least " + WeftKeys.HEALTH_BASE_EJECTION.name() + " (" + base.toMillis() + ")");
        }
        return new HealthSettings(
                config.get(WeftKeys.HEALTH_ALPHA),
                config.get(WeftKeys.HEALTH_EJECTION_THRESHOLD),
                base,
                max,
                config.get(WeftKeys.HEALTH_MIN_HEALTHY_SHARE),
                config.get(WeftKeys.CLIENT_WARMUP),
                config.get(WeftKeys.HEALTH_STALL_FLOOR),
                config.get(WeftKeys.HEALTH_STALL_FACTOR),
                config.get(WeftKeys.HEALTH_STALL_PING_TIMEOUT));
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

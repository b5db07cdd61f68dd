package io.weft.internal.client;

/**
 * Where one endpoint stands with the {@link OutlierDetector}: one immutable value per endpoint,
 * replaced only by compare-and-set ({@link EndpointState#transition}), so that every change —
 * eject, start a probe, end a probe with its verdict, a connection event — is one atomic step and
 * no reader ever sees half of one. In particular a probe's end clears {@code probing} and sets the
 * new ejection deadline (or readmits) in the same step, so a tick cannot start a second probe in
 * between.
 *
 * @param link what the connection says: {@code UP}, {@code STALLED} (calls overdue, nothing read)
 *     or {@code DOWN} (closed, GOAWAY, or a newly discovered instance not yet answering)
 * @param ejected out of rotation for low health until {@code ejectedUntilNanos}, then probed
 * @param ejectedUntilNanos when the ejection period ends (detector clock); meaningful while ejected
 * @param ejections ejections in a row; the period is {@code base × 2^(ejections − 1)}, capped
 * @param readmittedNanos when it was last readmitted (detector clock); meaningful once ejections > 0
 * @param probing a PING probe (reconnect or end of ejection) is in flight; at most one at a time
 */
record Rotation(Link link, boolean ejected, long ejectedUntilNanos, int ejections, long readmittedNanos,
                boolean probing) {

    enum Link { UP, STALLED, DOWN }

    /** A serving endpoint: the first instances of a reference start here. */
    static final Rotation SERVING = new Rotation(Link.UP, false, 0, 0, 0, false);
    /** A newly discovered instance: out until it answers a PING. */
    static final Rotation JOINING = new Rotation(Link.DOWN, false, 0, 0, 0, false);

    /** Whether load balancers may pick it. */
    boolean inRotation() {
        return link == Link.UP && !ejected;
    }

    Rotation withLink(Link l) {
        return new Rotation(l, ejected, ejectedUntilNanos, ejections, readmittedNanos, probing);
    }

    Rotation withProbing(boolean p) {
        return new Rotation(link, ejected, ejectedUntilNanos, ejections, readmittedNanos, p);
    }

    /** Ejected (again) until {@code untilNanos}, as the {@code n}-th ejection in a row. */
    Rotation ejectedUntil(long untilNanos, int n) {
        return new Rotation(link, true, untilNanos, n, readmittedNanos, probing);
    }

    /** Back in rotation after a successful probe at {@code nowNanos}; keeps the ejection count. */
    Rotation readmitted(long nowNanos) {
        return new Rotation(link, false, 0, ejections, nowNanos, false);
    }
}

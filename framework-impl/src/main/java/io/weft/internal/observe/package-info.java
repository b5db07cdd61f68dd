/**
 * Observing calls (DESIGN §10): the guarded fan-out to {@link io.weft.spi.CallListener}s, the access
 * log, the latency window behind the status heartbeat's {@code p99Ms}, and the admin HTTP endpoint.
 */
package io.weft.internal.observe;

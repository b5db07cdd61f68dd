package io.weft.registry.support;

import io.weft.RegistryAddress;
import io.weft.RpcException;
import io.weft.Status;
import io.weft.WeftConfig;
import io.weft.WeftKeys;
import java.time.Duration;
import org.slf4j.Logger;

/**
 * The start-up settings every registry factory reads the same way (DESIGN §7) — the connect timeout,
 * whether an unreachable registry fails start-up, the credentials — and the two ways a start-up
 * without a reachable registry ends: waiting for it in the background, or failing. Immutable.
 *
 * @param connectTimeout {@code weft.registry.connect-timeout} (or its deprecated alias {@value #CONNECT_TIMEOUT_MS};
 *     default 5 s): how long start-up waits to reach
 *     the registry
 * @param check {@value #CHECK} (default false): whether start-up fails when the registry cannot be
 *     reached within the connect timeout
 * @param credentials {@link RegistryCredentials}, or null when none are configured
 */
public record RegistryStartup(Duration connectTimeout, boolean check, RegistryCredentials credentials) {
    /** Connection timeout in milliseconds. */
    public static final String CONNECT_TIMEOUT_MS = "weft.registry.connect-timeout-ms";
    /** Fail start-up when the registry is unreachable (default: wait for it in the background). */
    public static final String CHECK = "weft.registry.check";

    /**
     * Reads the settings from {@code config} (through the catalogue: {@link WeftKeys#REGISTRY_CONNECT_TIMEOUT},
     * {@link WeftKeys#REGISTRY_CHECK}) and checks that a host of {@code address} resolves.
     *
     * @throws io.weft.WeftConfigException when a value is malformed (names key and value)
     * @throws RpcException {@link Status#UNAVAILABLE} when no host of the address resolves
     */
    public static RegistryStartup read(RegistryAddress address, WeftConfig config) {
        Duration connectTimeout = config.get(WeftKeys.REGISTRY_CONNECT_TIMEOUT);
        boolean check = config.get(WeftKeys.REGISTRY_CHECK);
        RegistryEndpoints.checkHostsResolve(address);
        return new RegistryStartup(connectTimeout, check, RegistryCredentials.from(config).orElse(null));
    }

    /**
     * Whether start-up need not wait for the registry: {@link #check} is off and no endpoint of
     * {@code address} accepts a TCP connection (a refusal answers at once; an address that drops
     * packets is given {@link RegistryEndpoints#probeBudget}).
     */
    public boolean startsInBackground(RegistryAddress address) {
        return !check && !RegistryEndpoints.anyAccepts(address, RegistryEndpoints.probeBudget(connectTimeout));
    }

    /** Says once that start-up goes on while the registry at {@code address} is not reachable. */
    public void warnWaiting(RegistryAddress address, Logger log) {
        log.warn("waiting for registry at {}: not reachable; registrations and watches start when it appears"
                + " ({}=true fails start-up instead)", address, CHECK);
    }

    /**
     * The failure of a start-up that could not reach {@code backend} at {@code address} within the
     * connect timeout.
     *
     * @param cause why, or null
     */
    public RpcException unreachable(String backend, RegistryAddress address, Throwable cause) {
        String message = "cannot reach " + backend + " at " + address + " within " + connectTimeout.toMillis()
                + " ms (" + CONNECT_TIMEOUT_MS + (check ? ", " + CHECK + "=true" : "") + ")";
        return cause == null ? new RpcException(Status.UNAVAILABLE, message)
                : new RpcException(Status.UNAVAILABLE, message + ": " + cause.getMessage(), cause);
    }
}

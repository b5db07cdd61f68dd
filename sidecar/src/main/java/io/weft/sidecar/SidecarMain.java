package io.weft.sidecar;

import io.weft.WeftConfig;
import io.weft.registry.support.LogLevels;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./sidecar.sh --app NAME --registry URL [--service SVC[=m1,m2]]... [--app-url URL] [--port N]
 * [--outbound-port N] [--admin-port N] [--health-path /health] [--tag k=v]...} (DESIGN §9). Prints the
 * chosen ports, runs until SIGTERM (or SIGINT), then shuts down gracefully. A bad flag exits 2 with a
 * message naming it.
 */
public final class SidecarMain {
    private SidecarMain() {}

    public static void main(String[] args) {
        args = LogLevels.apply(args);
        if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.println(usage());
            return;
        }
        Sidecar sidecar;
        try {
            sidecar = start(args);
        } catch (IllegalArgumentException e) {
            System.err.println("sidecar: " + e.getMessage());
            System.err.println(usage());
            System.exit(2);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("sidecar: shutting down (unregister, GOAWAY, drain)");
            sidecar.close();
            stopped.countDown();
            System.out.println("sidecar: stopped");
        }, "weft-sidecar-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts a sidecar from {@code args} over {@link WeftConfig#load()} and prints its ports. */
    public static Sidecar start(String... args) {
        SidecarSettings settings = SidecarSettings.parse(Arrays.asList(args), WeftConfig.load());
        Sidecar sidecar = Sidecar.start(settings, WeftConfig.load());
        System.out.println("sidecar: app " + settings.app() + ", outbound port " + sidecar.outboundPort()
                + (sidecar.adminPort() >= 0 ? ", admin port " + sidecar.adminPort() : "")
                + (settings.services().isEmpty() ? "" : "; inbound services register once "
                + settings.appUrl() + settings.healthPath() + " passes"));
        return sidecar;
    }

    static String usage() {
        return "usage: sidecar --app NAME --registry URL [--service SVC[=m1,m2]]... [--app-url http://127.0.0.1:8080]"
                + " [--port 20880] [--outbound-port 15001] [--admin-port N] [--health-path /health] [--tag k=v]..."
                + " [--verbose]";
    }
}

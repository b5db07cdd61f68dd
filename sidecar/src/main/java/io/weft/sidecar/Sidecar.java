package io.weft.sidecar;

import io.netty.util.concurrent.DefaultThreadFactory;
import io.weft.ExportOptions;
import io.weft.Exported;
import io.weft.Weft;
import io.weft.WeftConfig;
import io.weft.WeftKeys;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running sidecar (DESIGN §9): a Weft instance that serves the application's services as generic
 * exports forwarded to the application ({@link AppForwarder}), the loopback outbound port through
 * which the application calls the mesh ({@link OutboundHandler}), the application's health checks
 * ({@link AppHealth}) that put its provider nodes in and out of rotation, and optionally the admin
 * port. {@link #close()} is the graceful shutdown: unregister, GOAWAY, drain, stop.
 */
public final class Sidecar implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Sidecar.class);
    static final Duration HEALTH_INTERVAL = Duration.ofSeconds(1);

    private final SidecarSettings settings;
    private final Weft weft;
    private final HttpClient http; // health checks
    private final AppClient app; // forwarded calls
    private final ScheduledExecutorService healthThread;
    private final ExecutorService setup;
    private final LoopbackHttpServer outbound;
    private final LoopbackHttpServer admin; // null: no admin port
    private final AppHealth health;
    private final List<Exported> exports = new ArrayList<>(); // guarded by this
    private boolean closed; // guarded by this

    private Sidecar(SidecarSettings settings, WeftConfig base) {
        this.settings = settings;
        WeftConfig config = base.with(WeftConfig.APPLICATION, settings.app())
                .with(WeftConfig.SERVER_PORT, Integer.toString(settings.port()));
        if (settings.registry() != null) {
            config = config.with(WeftConfig.REGISTRY_ADDRESS, settings.registry());
        }
        if (base.get(WeftKeys.SERVER_DISPATCH.name()).isEmpty()) {
            // the forward to the application never blocks (AppClient): no hand-off to a business thread
            config = config.with(WeftKeys.SERVER_DISPATCH.name(), "direct");
        }
        if (base.get(WeftKeys.TRANSPORT_IO_THREADS.name()).isEmpty()) {
            // One event loop: a request is read, forwarded and answered on one thread, never handed between
            // loops (measured: docs/sidecar.md, "Step 5"). Like Envoy's --concurrency; raise it when one
            // sidecar must carry more than a core's worth of traffic.
            config = config.with(WeftKeys.TRANSPORT_IO_THREADS.name(), "1");
        }
        this.http = AppForwarder.newClient();
        this.health = new AppHealth(http, URI.create(settings.appUrl() + settings.healthPath()), HEALTH_INTERVAL,
                new AppHealth.Rotation() {
                    @Override
                    public void join() {
                        register();
                    }

                    @Override
                    public void leave() {
                        unregister();
                    }
                });
        this.weft = Weft.builder(config).healthIndicator(health::share).build();
        this.setup = Executors.newSingleThreadExecutor(new DefaultThreadFactory("weft-sidecar-setup", true));
        this.healthThread = Executors.newSingleThreadScheduledExecutor(
                new DefaultThreadFactory("weft-sidecar-health", true));
        int maxBody = config.get(WeftKeys.SERVER_MAX_FRAME_BYTES);
        // One set of event loops for weft/1, the outbound port and the application's connections (SidecarLoops)
        SidecarLoops loops = SidecarLoops.of(weft);
        this.app = new AppClient(settings.appUrl(), maxBody, loops);
        LoopbackHttpServer out = null;
        LoopbackHttpServer adm = null;
        try {
            out = new LoopbackHttpServer("outbound", settings.outboundPort(), maxBody, new OutboundHandler(weft, setup),
                    loops);
            if (settings.adminPort() >= 0) {
                adm = new LoopbackHttpServer("admin", settings.adminPort(), 64 * 1024,
                        new AdminHandler(this::notReadyReason, io.weft.internal.observe.Observability.scrape(config)),
                        SidecarLoops.own("weft-sidecar-admin", 1)); // a scrape never delays a forwarded call
            }
        } catch (RuntimeException e) {
            if (out != null) {
                out.close();
            }
            weft.close();
            app.close();
            setup.shutdownNow();
            healthThread.shutdownNow();
            throw e;
        }
        this.outbound = out;
        this.admin = adm;
    }

    /**
     * Starts a sidecar: the outbound and admin ports at once, the inbound services once the first
     * health check of the application passes.
     *
     * @param base configuration of the embedded Weft instance (TLS, limits, …); the settings' app,
     *     registry and port override its keys
     */
    public static Sidecar start(SidecarSettings settings, WeftConfig base) {
        Sidecar sidecar = new Sidecar(settings, base);
        if (settings.services().isEmpty()) {
            log.info("no --service: the sidecar only carries the application's outbound calls");
        } else {
            sidecar.health.start(sidecar.healthThread);
        }
        return sidecar;
    }

    /** The port the outbound HTTP server listens on (127.0.0.1). */
    public int outboundPort() {
        return outbound.port();
    }

    /** The admin port, or -1 without one. */
    public int adminPort() {
        return admin == null ? -1 : admin.port();
    }

    /** The weft/1 port of the inbound side, or -1 until the services were first registered. */
    public int port() {
        return weft.serverAddress().map(a -> a.getPort()).orElse(-1);
    }

    /** True while the application's services are registered (its health checks pass). */
    public boolean inRotation() {
        return health.inRotation();
    }

    /** The share of recent health checks that passed: the {@code status.health} the nodes report. */
    public double health() {
        return health.share();
    }

    /** The embedded Weft instance (for tests and embedding). */
    public Weft weft() {
        return weft;
    }

    private String notReadyReason() {
        if (!settings.services().isEmpty() && !inRotation()) {
            return "application not healthy at " + settings.appUrl() + settings.healthPath();
        }
        return weft.notReadyReason().orElse(null);
    }

    /** Into rotation: the first time exports the services, later writes their nodes again. */
    private synchronized void register() {
        if (closed) {
            return;
        }
        if (!exports.isEmpty()) {
            exports.forEach(e -> e.setInRotation(true));
            log.info("application healthy again: {} back in rotation", names());
            return;
        }
        ExportOptions.Builder options = ExportOptions.builder().sidecar(true);
        settings.tags().forEach(options::tag);
        for (SidecarSettings.ServiceSpec spec : settings.services()) {
            try {
                exports.add(weft.exportGeneric(spec.name(), spec.methods(),
                        new AppForwarder(app, settings.appUrl(), spec.name()), options.build()));
            } catch (RuntimeException e) {
                log.error("cannot register {}: {}", spec.name(), e.toString());
                exports.forEach(Exported::close);
                exports.clear();
                throw e;
            }
        }
        System.out.println("sidecar: registered " + names() + ", weft/1 port " + port());
    }

    /**
     * Out of rotation: the nodes go, so consumers stop choosing this instance; calls that still arrive
     * (a consumer that has not seen the change yet) are forwarded as before rather than refused.
     */
    private synchronized void unregister() {
        for (Exported e : exports) {
            try {
                e.setInRotation(false);
            } catch (RuntimeException ex) {
                log.warn("unregistering {} failed: {}", e.service(), ex.toString());
            }
        }
    }

    private List<String> names() {
        return settings.services().stream().map(SidecarSettings.ServiceSpec::name).toList();
    }

    /** Graceful shutdown: health checks stop, nodes go, consumers get GOAWAY, calls in flight drain. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        healthThread.shutdownNow();
        weft.close(); // unregister, GOAWAY, drain inbound calls (the outbound port still serves meanwhile)
        outbound.close(Duration.ofSeconds(1));
        if (admin != null) {
            admin.close(Duration.ZERO);
        }
        app.close();
        setup.shutdownNow();
    }
}

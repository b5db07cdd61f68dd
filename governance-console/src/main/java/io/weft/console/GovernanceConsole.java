package io.weft.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.weft.RegistryAddress;
import io.weft.RpcException;
import io.weft.WeftConfig;
import io.weft.WeftConfigException;
import io.weft.spi.Registry;
import io.weft.spi.RegistryFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running governance console: an HTTP server (Javalin on Jetty) with the REST API under
 * {@code /api} and the browser UI at {@code /}. Every {@code /api} call but login needs a session or an
 * API token and a role that allows it ({@link AccessControl}).
 * Close it to stop the server (and the registry, when the console opened it).
 */
public final class GovernanceConsole implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GovernanceConsole.class);
    static final String COOKIE = "weft_console";
    static final String CSRF_HEADER = "X-CSRF-Token";
    private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private final Javalin app;
    private final MeshEvents events;
    private final ScheduledExecutorService historyTicks;
    private final Registry ownedRegistry;
    private final TestCalls testCalls;
    private final String url;
    /** Bounds of the charts' memory: 20 KB per series at the default hour in 5 s steps, so at most ~30 MB. */
    private static final int MAX_HISTORY_SERVICES = 500;
    private static final int MAX_HISTORY_INSTANCES = 1000;

    private GovernanceConsole(Registry registry, ConsoleOptions options, Registry ownedRegistry, WeftConfig callConfig) {
        this.ownedRegistry = ownedRegistry;
        Clock clock = Clock.systemUTC();
        ObjectMapper json = JsonMapper.builder().build();
        ConsoleAuth auth = new ConsoleAuth(users(options, clock), clock);
        ClientAddress clients = new ClientAddress(options.trustedProxies());
        MeshView mesh = new MeshView(registry, options.staleAfter(), clock);
        RulesApi rules = new RulesApi(registry, json, clock);
        MetricsHistory history = new MetricsHistory(options.historyStep(), options.historyRetention(),
                options.staleAfter(), clock, MAX_HISTORY_SERVICES, MAX_HISTORY_INSTANCES);
        HistoryApi historyApi = new HistoryApi(history, new Topology(registry, options.staleAfter(), clock));
        RuleHistoryApi ruleHistory = new RuleHistoryApi(registry, clock);
        RulePreviewApi preview = new RulePreviewApi(registry, options.staleAfter(), clock);
        this.testCalls = new TestCalls(callConfig, registry, json, clock);
        this.events = new MeshEvents(registry, Duration.ofSeconds(1), history::providers);
        this.historyTicks = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "weft-console-history");
            t.setDaemon(true);
            return t;
        });
        long step = options.historyStep().toMillis(); // tick mid-step: a late or early tick stays in its slot
        historyTicks.scheduleAtFixedRate(history::tick, step - clock.millis() % step + step / 2, step,
                TimeUnit.MILLISECONDS);
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.jsonMapper(new JavalinJackson(json, false));
            config.contextResolver.ip = clients::of; // X-Forwarded-For only from trusted proxies
            if (options.tlsCert() != null) {
                config.jetty.addConnector((server, http) -> ConsoleTls.connector(server, http, options.host(),
                        options.port(), options.tlsCert(), options.tlsKey()));
            }
            config.staticFiles.enableWebjars(); // uPlot, the charts' library, from this jar
            config.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = "/console";
                files.location = Location.CLASSPATH;
            });
            routes(config.routes, auth, new ConsoleAudit(registry, json, clock), mesh, rules, historyApi, ruleHistory,
                    preview);
        });
        if (options.tlsCert() != null) {
            app.start(); // the TLS connector is the only one
        } else {
            app.start(options.host(), options.port());
        }
        String host = options.host().contains(":") ? "[" + options.host() + "]" : options.host();
        this.url = (options.tlsCert() != null ? "https://" : "http://") + ("0.0.0.0".equals(host) ? "127.0.0.1" : host) + ":" + app.port() + "/";
        log.info("governance console listening at {}", url);
    }

    /** Javalin 7 declares routes in the configuration: every route and handler of the console. */
    private void routes(RoutesConfig routes, ConsoleAuth auth, ConsoleAudit audit, MeshView mesh, RulesApi rules,
            HistoryApi historyApi, RuleHistoryApi ruleHistory, RulePreviewApi preview) {
        new SessionRoutes(auth).install(routes);
        AccessControl access = new AccessControl(auth);
        routes.before("/api/*", access::check);
        new AccessRoutes(auth, audit).install(routes); // users and API tokens (admin)
        routes.after(GovernanceConsole::securityHeaders);
        routes.get("/api/services", ctx -> ctx.json(Map.of("degradedBelow", MeshView.DEGRADED_BELOW,
                "services", mesh.services())));
        routes.get("/api/services/{service}", ctx -> ctx.json(mesh.service(ctx.pathParam("service"))));
        routes.get("/api/services/{service}/history", historyApi::service);
        routes.get("/api/services/{service}/instances/{instance}/history", historyApi::instance);
        routes.get("/api/topology", historyApi::topology);
        routes.get("/api/services/{service}/rules/{kind}", rules::get);
        routes.put("/api/services/{service}/rules/{kind}", rules::put);
        routes.delete("/api/services/{service}/rules/{kind}", rules::delete);
        routes.post("/api/validate/{kind}", rules::validate);
        routes.post("/api/services/{service}/rules/{kind}/preview", preview::preview); // read-only: viewers too
        routes.get("/api/services/{service}/rules/{kind}/history", ruleHistory::history);
        routes.post("/api/services/{service}/rules/{kind}/history/{entry}/rollback", ruleHistory::rollback);
        routes.post("/api/services/{service}/methods/{method}/call", testCalls::call);
        routes.get("/api/audit", rules::auditLog);
        routes.sse("/api/events", events::add);
        routes.exception(ApiError.class, (e, ctx) -> error(ctx, e.status(), e.getMessage(), e));
        routes.exception(IllegalArgumentException.class, (e, ctx) -> error(ctx, 400, e.getMessage(), null));
        routes.exception(RpcException.class, (e, ctx) -> {
            log.warn("registry call failed: {}", e.toString());
            if (e.status() == io.weft.Status.PERMISSION_DENIED) { // the registry's ACL/RBAC, not the user's session
                error(ctx, 403, "the registry refused the write: " + e.getMessage(), null);
                return;
            }
            error(ctx, 503, "registry unavailable: " + e.getMessage(), null);
        });
    }

    /**
     * Starts a console over {@code registry}, which the caller keeps owning (and closes). Such a console
     * makes no test calls (it knows no registry address to call through).
     */
    public static GovernanceConsole start(Registry registry, ConsoleOptions options) {
        return new GovernanceConsole(registry, options, null, null);
    }

    /**
     * Connects to {@code address} through the registry module for its scheme and starts a console over
     * it; closing the console closes that registry.
     *
     * @throws WeftConfigException when no registry module for the scheme is on the class path
     */
    public static GovernanceConsole start(RegistryAddress address, WeftConfig config, ConsoleOptions options) {
        Registry registry = connect(address, config);
        try {
            return new GovernanceConsole(registry, options, registry,
                    config.with(WeftConfig.REGISTRY_ADDRESS, address.toString()));
        } catch (RuntimeException e) {
            registry.close();
            throw e;
        }
    }

    static Registry connect(RegistryAddress address, WeftConfig config) {
        return RegistryFactory.forScheme(address.scheme(), GovernanceConsole.class.getClassLoader())
                .orElseThrow(() -> new WeftConfigException("no registry module for scheme '" + address.scheme()
                        + "' of " + address + " on the class path (registry-zookeeper and registry-etcd are)"))
                .create(address, config);
    }

    /** {@code http://host:port/}. */
    public String url() {
        return url;
    }

    /** The port the server is bound to. */
    public int port() {
        return app.port();
    }

    /**
     * The users: in memory with the one admin of {@code options.password()}, or in {@code options.usersFile()},
     * where that password creates the first admin {@value UserStore#DEFAULT_ADMIN} when the file has none.
     */
    private static UserStore users(ConsoleOptions options, Clock clock) {
        UserStore users = new UserStore(options.usersFile(), clock);
        if (!users.hasAdmin()) {
            users.putUser(UserStore.DEFAULT_ADMIN, Role.ADMIN, options.password());
            if (options.usersFile() != null) {
                log.info("created the first console admin '{}' in {}", UserStore.DEFAULT_ADMIN, options.usersFile());
            }
        } else if (!options.passwordGenerated()) {
            log.info("{} is ignored: {} has users", ConsoleOptions.PASSWORD, options.usersFile());
        }
        return users;
    }

    private static void securityHeaders(Context ctx) {
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "no-referrer");
        if (ctx.path().startsWith("/api/")) {
            ctx.header("Cache-Control", "no-store");
        }
    }

    private static void error(Context ctx, int status, String message, ApiError e) {
        ctx.status(status);
        if (e != null && !e.errors().isEmpty()) {
            ctx.json(Map.of("error", message, "errors", e.errors()));
        } else if (e != null && e.neededRole() != null) {
            ctx.json(Map.of("error", message, "neededRole", e.neededRole()));
        } else {
            ctx.json(Map.of("error", message == null ? "error" : message));
        }
    }

    /** Stops the server, the watches and, when the console opened it, the registry. */
    @Override
    public void close() {
        historyTicks.shutdownNow();
        events.close();
        app.stop();
        testCalls.close();
        if (ownedRegistry != null) {
            ownedRegistry.close();
        }
    }
}

package io.weft.console;

import static org.awaitility.Awaitility.await;

import io.weft.ExportOptions;
import io.weft.RegistryAddress;
import io.weft.Weft;
import io.weft.WeftConfig;
import io.weft.spi.InstanceRole;
import io.weft.spi.Registry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A real mesh for the console's tests: an in-process ZooKeeper ({@link TestingServer}, free port), an
 * admin {@link Registry} on it, a console over that registry, and Weft providers and consumers of
 * {@link Echo}. A JUnit 5 extension for a {@code static} {@code @RegisterExtension} field: it starts before
 * the class's {@code @BeforeAll} methods (which add what the class needs) and stops, with every node and
 * everything {@linkplain #track tracked}, after its {@code @AfterAll} methods.
 */
final class Mesh implements AutoCloseable, BeforeAllCallback, AfterAllCallback, AfterEachCallback {
    static final String PASSWORD = "correct horse battery staple";
    static final String SERVICE = Echo.class.getName();
    /** A security rule that refuses an application no test runs: valid, and harmless to every call. */
    static final String DENY_NOBODY = """
            {"rules":[{"action":"deny","match":{"consumerApps":["nobody"]}}]}""";

    private final Duration historyStep;
    private final boolean withUsers;
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final List<Weft> nodes = new ArrayList<>();
    TestingServer zookeeper;
    Registry registry;
    GovernanceConsole console;

    private Mesh(Duration historyStep, boolean withUsers) {
        this.historyStep = historyStep;
        this.withUsers = withUsers;
    }

    /** A mesh for the test class, its console sampling history at the default step. */
    static Mesh perClass() {
        return perClass(ConsoleOptions.DEFAULT_HISTORY_STEP);
    }

    /** A mesh for the test class whose console samples its history every {@code historyStep} (nodes: every second). */
    static Mesh perClass(Duration historyStep) {
        return new Mesh(historyStep, false);
    }

    /**
     * A mesh for the test class of the role tests: a provider tagged {@code env=stable} and, besides {@code admin},
     * users {@code vera} (viewer, password {@code viewer-password}) and {@code ed} (editor, {@code editor-password});
     * the security rule of {@link #SERVICE}, which these tests write, is deleted after each test.
     */
    static Mesh withViewerAndEditor() {
        return new Mesh(ConsoleOptions.DEFAULT_HISTORY_STEP, true);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        System.setProperty("zookeeper.admin.enableServer", "false"); // no Jetty admin server on a fixed port
        zookeeper = new TestingServer(true);
        registry = GovernanceConsole.connect(RegistryAddress.parse(address()), WeftConfig.empty());
        console = GovernanceConsole.start(registry,
                options()
                        .withHistory(historyStep, ConsoleOptions.DEFAULT_HISTORY_RETENTION));
        if (withUsers) {
            provider("stable");
            ConsoleClient admin = ConsoleClient.loggedIn(console);
            admin.putUser("vera", "viewer", "viewer-password");
            admin.putUser("ed", "editor", "editor-password");
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (withUsers) {
            registry.getRule(SERVICE, "security").ifPresent(r -> registry.deleteRule(SERVICE, "security", r.revision()));
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        close();
    }

    /** A console on 127.0.0.1, a free port, admin password {@link #PASSWORD}, no TLS, default staleness. */
    static ConsoleOptions options() {
        return new ConsoleOptions("127.0.0.1", 0, PASSWORD, false, ConsoleOptions.DEFAULT_STALE_AFTER);
    }

    /** A plain ZooKeeper client of the mesh's server, to write what no Weft code writes; closed with the mesh. */
    RawZooKeeper rawZooKeeper() throws Exception {
        return track(new RawZooKeeper(zookeeper.getConnectString()));
    }

    /** Closes {@code closeable} when the mesh stops, before its nodes (newest first); returns it. */
    <T extends AutoCloseable> T track(T closeable) {
        closeables.add(closeable);
        return closeable;
    }

    /**
     * A second console on the mesh started with the registry address, as {@code ConsoleMain} starts it (with a
     * registry client of its own); stopped with the mesh.
     */
    GovernanceConsole consoleOnTheAddress() {
        return track(GovernanceConsole.start(RegistryAddress.parse(address()), WeftConfig.empty(),
                options()));
    }

    String address() {
        return "zookeeper://" + zookeeper.getConnectString();
    }

    /** A Weft instance of {@code application} on the mesh's ZooKeeper, writing its status every second. */
    Weft node(String application) {
        Map<String, String> values = new HashMap<>();
        values.put(WeftConfig.REGISTRY_ADDRESS, address());
        values.put(WeftConfig.APPLICATION, application);
        values.put(WeftConfig.SERVER_HOST, "127.0.0.1");
        values.put(WeftConfig.SERVER_PORT, "0");
        values.put("weft.status.interval-ms", "1000");
        Weft weft = Weft.create(WeftConfig.of(values));
        nodes.add(weft);
        return weft;
    }

    /** A provider of {@link Echo} tagged {@code env=<env>}; close the returned Weft to stop it. */
    Weft provider(String env) {
        return provider("echo-" + env, env, Map.of("env", env));
    }

    /** A provider of {@link Echo} of {@code application} with {@code tags}, answering {@code "<name>: <text>"}. */
    Weft provider(String application, String name, Map<String, String> tags) {
        Weft weft = node(application);
        ExportOptions.Builder options = ExportOptions.builder();
        tags.forEach(options::tag);
        weft.export(Echo.class, text -> name + ": " + text, options.build());
        return weft;
    }

    /**
     * The demo's canary setting: providers of {@link Echo} tagged {@code version=v1} and {@code version=v2}
     * (applications {@code py-v1}, {@code py-v2}); returns once both have written a status heartbeat.
     */
    void versionedProviders() {
        provider("py-v1", "v1", Map.of("version", "v1"));
        provider("py-v2", "v2", Map.of("version", "v2"));
        await().atMost(Duration.ofSeconds(30)).until(() -> registry
                .list(SERVICE, InstanceRole.PROVIDER).stream().filter(p -> p.status() != null).count() == 2);
    }

    /**
     * The preview tests' setting: {@link #versionedProviders()} and a viewer {@code vera} (password
     * {@code viewer-password}). Returns the newest ten audit entries after it, which a preview must leave as they are.
     */
    List<String> previewSetting() {
        versionedProviders();
        ConsoleClient.loggedIn(console).putUser("vera", "viewer", "viewer-password");
        return registry.audit(10);
    }

    /** The instance id of the provider of {@link Echo} tagged {@code version=<version>}. */
    String instanceOfVersion(String version) {
        return registry.list(SERVICE, InstanceRole.PROVIDER).stream()
                .filter(p -> version.equals(p.tags().get("version"))).findFirst().orElseThrow().instanceId();
    }

    /** A sidecar-style provider of {@code service}: a generic export whose node says {@code "sidecar":true}. */
    Weft sidecarProvider(String service) {
        Weft weft = node("py-app");
        weft.exportGeneric(service, java.util.List.of("echo"),
                (method, args, metadata, deadline) -> java.util.concurrent.CompletableFuture.completedFuture(args),
                ExportOptions.builder().sidecar(true).build());
        return weft;
    }

    /** A consumer of {@link Echo} that has called once. */
    Echo consumer(String application) {
        Echo echo = node(application).reference(Echo.class);
        echo.echo("hello");
        return echo;
    }

    @Override
    public void close() throws Exception {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeables.get(i).close();
        }
        for (int i = nodes.size() - 1; i >= 0; i--) {
            nodes.get(i).close();
        }
        console.close();
        registry.close();
        zookeeper.close();
    }
}

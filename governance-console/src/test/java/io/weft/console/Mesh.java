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

/**
 * A real mesh for the console's tests: an in-process ZooKeeper ({@link TestingServer}, free port), an
 * admin {@link Registry} on it, a console over that registry, and Weft providers and consumers of
 * {@link Echo}. Close it to stop everything.
 */
final class Mesh implements AutoCloseable {
    static final String PASSWORD = "correct horse battery staple";
    static final String SERVICE = Echo.class.getName();

    final TestingServer zookeeper;
    final Registry registry;
    final GovernanceConsole console;
    private final List<Weft> nodes = new ArrayList<>();

    Mesh() throws Exception {
        this(ConsoleOptions.DEFAULT_HISTORY_STEP);
    }

    /** A mesh whose console samples its history every {@code historyStep} (the nodes write status every second). */
    Mesh(java.time.Duration historyStep) throws Exception {
        System.setProperty("zookeeper.admin.enableServer", "false"); // no Jetty admin server on a fixed port
        zookeeper = new TestingServer(true);
        registry = GovernanceConsole.connect(RegistryAddress.parse(address()), WeftConfig.empty());
        console = GovernanceConsole.start(registry,
                new ConsoleOptions("127.0.0.1", 0, PASSWORD, false, ConsoleOptions.DEFAULT_STALE_AFTER)
                        .withHistory(historyStep, ConsoleOptions.DEFAULT_HISTORY_RETENTION));
    }

    /**
     * A mesh with a provider tagged {@code env=stable} and, besides {@code admin}, users {@code vera} (viewer,
     * password {@code viewer-password}) and {@code ed} (editor, {@code editor-password}).
     */
    static Mesh withViewerAndEditor() throws Exception {
        Mesh mesh = new Mesh();
        mesh.provider("stable");
        ConsoleClient admin = ConsoleClient.loggedIn(mesh.console);
        admin.putUser("vera", "viewer", "viewer-password");
        admin.putUser("ed", "editor", "editor-password");
        return mesh;
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
        for (int i = nodes.size() - 1; i >= 0; i--) {
            nodes.get(i).close();
        }
        console.close();
        registry.close();
        zookeeper.close();
    }
}

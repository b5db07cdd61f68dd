package io.weft.registry.zookeeper.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.weft.ServiceInstance;
import io.weft.Weft;
import io.weft.WeftConfig;
import io.weft.registry.support.InstanceJson;
import io.weft.registry.tests.Greeting;
import io.weft.registry.tests.GreetingImpl;
import io.weft.registry.zookeeper.RawZooKeeper;
import io.weft.test.WeftExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The attack of issue #12 against real processes on a real ZooKeeper: an outsider with network
 * access to the registry tries to overwrite, delete and forge provider nodes and to write a rule,
 * while a consumer without credentials keeps discovering and calling the real provider. Prints the
 * figures (attempts refused, calls served) for the record.
 */
class RegistryHijackIT {
    private static final String SERVICE = Greeting.class.getName();
    private static final String PROVIDERS = "/weft/services/" + SERVICE + "/providers";

    @RegisterExtension
    final WeftExtension zooKeeper = WeftExtension.zooKeeper(); // a registry per test: the attacks change it
    private CuratorFramework attacker;

    @BeforeEach
    void start() throws Exception {
        attacker = RawZooKeeper.connect(zooKeeper.registryAddress(), null);
    }

    @AfterEach
    void stop() {
        attacker.close();
    }

    /** A server the attacker controls, answering "evil"; registered nowhere. */
    private int evilServer() {
        Weft evil = zooKeeper.track(Weft.create(WeftConfig.of(Map.of(WeftConfig.APPLICATION, "evil",
                WeftConfig.SERVER_HOST, "127.0.0.1", WeftConfig.SERVER_PORT, "0"))));
        evil.export(Greeting.class, new GreetingImpl("evil"));
        return evil.serverAddress().orElseThrow().getPort();
    }

    private static byte[] forgedNode(int port) {
        return InstanceJson.encode(ServiceInstance.provider(SERVICE, "greeting", "127.0.0.1", port));
    }

    private static Map<String, Integer> calls(Greeting greeting, int n) {
        Map<String, Integer> served = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            served.merge(greeting.who(), 1, Integer::sum);
        }
        return served;
    }

    private static boolean refused(Callable<?> attempt) {
        try {
            attempt.call();
            return false;
        } catch (KeeperException.NoAuthException e) {
            return true;
        } catch (Exception e) {
            throw new AssertionError("expected NoAuth, got " + e, e);
        }
    }

    @Test
    void withCredentialsEveryHijackAttemptIsRefusedAndConsumersWithoutCredentialsStillCall() throws Exception {
        Weft provider = zooKeeper.newWeft("greeting", "weft.registry.username", "greeting",
                "weft.registry.password", "provider-secret");
        provider.export(Greeting.class, new GreetingImpl("real"));
        Greeting greeting = zooKeeper.newWeft("web").reference(Greeting.class); // no registry credentials
        assertThat(greeting.who()).isEqualTo("real");
        String real = PROVIDERS + "/" + attacker.getChildren().forPath(PROVIDERS).get(0);
        int evilPort = evilServer();

        Map<String, Boolean> attempts = new LinkedHashMap<>();
        attempts.put("overwrite provider node", refused(() -> attacker.setData().forPath(real, forgedNode(evilPort))));
        attempts.put("delete provider node", refused(() -> attacker.delete().forPath(real)));
        attempts.put("forge provider node", refused(() -> attacker.create().withMode(CreateMode.PERSISTENT)
                .forPath(PROVIDERS + "/127.0.0.1:" + evilPort, forgedNode(evilPort))));
        attempts.put("write routing rule", refused(() -> attacker.create().creatingParentsIfNeeded()
                .forPath("/weft/rules/" + SERVICE + "/routing", "{\"routes\":[]}".getBytes(StandardCharsets.UTF_8))));
        attempts.put("recreate namespace folder", refused(() -> attacker.create()
                .forPath("/weft/services/evil", new byte[0])));
        Map<String, Integer> served = calls(greeting, 50);

        System.out.println("[figures] registry with credentials: attempts without them " + attempts
                + "; consumer without credentials, 50 calls served by " + served);
        assertThat(attempts).allSatisfy((what, wasRefused) -> assertThat(wasRefused).as(what).isTrue());
        assertThat(served).containsExactly(Map.entry("real", 50));
    }

    @Test
    void withoutCredentialsAForgedPersistentNodeIsNeverCalledAndTheRealProviderComesBack() throws Exception {
        Weft provider = zooKeeper.newWeft("greeting");
        provider.export(Greeting.class, new GreetingImpl("real"));
        Greeting greeting = zooKeeper.newWeft("web").reference(Greeting.class);
        assertThat(greeting.who()).isEqualTo("real");
        String real = PROVIDERS + "/" + attacker.getChildren().forPath(PROVIDERS).get(0);
        int evilPort = evilServer();

        // The open registry lets the attacker do all of it: replace the live node and add another.
        attacker.transaction().forOperations(
                attacker.transactionOp().delete().forPath(real),
                attacker.transactionOp().create().withMode(CreateMode.PERSISTENT).forPath(real, forgedNode(evilPort)));
        attacker.create().withMode(CreateMode.PERSISTENT).forPath(PROVIDERS + "/127.0.0.1:" + evilPort,
                forgedNode(evilPort));

        boolean restored;
        try {
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> attacker.checkExists().forPath(real).getEphemeralOwner() != 0);
            restored = true;
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            restored = false;
        }
        Map<String, Integer> served = calls(greeting, 50);
        System.out.println("[figures] open registry, forged persistent nodes: provider's own node restored: "
                + restored + "; 50 calls served by " + served);
        assertThat(restored).isTrue();
        assertThat(served).containsExactly(Map.entry("real", 50));
    }
}

package io.weft.registry.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.weft.RegistryAddress;
import io.weft.ServiceInstance;
import io.weft.WeftConfig;
import io.weft.spi.InstanceRole;
import io.weft.spi.Registry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.apache.curator.utils.ZookeeperFactory;
import org.apache.zookeeper.AsyncCallback;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One change to a service's providers costs the watching consumer reads of the changed node only —
 * never a re-list of the service (issue #15: no notification storm as the mesh grows). The watching
 * registry's ZooKeeper client counts every read it sends ({@code getData} and {@code getChildren},
 * by path) against a real ZooKeeper server.
 */
class ZkWatchIncrementalIT {
    private static final String SERVICE = "io.weft.test.Incremental";
    private static final int PROVIDERS = 20;
    private static final String PROVIDERS_PATH = "/weft/services/" + SERVICE + "/providers";

    private final Map<String, AtomicInteger> dataReads = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> childReads = new ConcurrentHashMap<>();
    private TestingServer server;
    private Registry providers;
    private Registry consumer;

    @BeforeEach
    void start() throws Exception {
        server = new TestingServer(true);
        String address = "zookeeper://" + server.getConnectString();
        providers = new ZooKeeperRegistryFactory().create(RegistryAddress.parse(address), WeftConfig.empty());
        CuratorFramework counted = CuratorFrameworkFactory.builder().connectString(server.getConnectString())
                .retryPolicy(new RetryOneTime(100)).zookeeperFactory(new CountingFactory()).build();
        counted.start();
        consumer = new ZooKeeperRegistry(counted, RegistryAddress.parse(address), "weft", Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() throws Exception {
        consumer.close();
        providers.close();
        server.close();
    }

    @Test
    void eachProviderChangeReadsOnlyTheChangedNodeNeverTheWholeList() {
        List<Registry.Registration> nodes = new ArrayList<>();
        for (int i = 0; i < PROVIDERS; i++) {
            nodes.add(providers.register(InstanceRole.PROVIDER, provider(i)));
        }
        AtomicReference<List<ServiceInstance>> view = new AtomicReference<>(List.of());
        consumer.watch(SERVICE, InstanceRole.PROVIDER, view::set);
        await().atMost(Duration.ofSeconds(10)).until(() -> view.get().size() == PROVIDERS);
        // The counter sees the cache's reads: the first load reads every node.
        for (int i = 0; i < PROVIDERS; i++) {
            assertThat(reads(dataReads, node(i))).as("initial read of " + node(i)).isGreaterThanOrEqualTo(1);
        }

        // A provider joins: its node is read; the others and the list are not.
        reset();
        nodes.add(providers.register(InstanceRole.PROVIDER, provider(PROVIDERS)));
        await().atMost(Duration.ofSeconds(10)).until(() -> view.get().size() == PROVIDERS + 1);
        assertOnlyRead(node(PROVIDERS));

        // A provider leaves: nothing is read.
        reset();
        nodes.get(3).close();
        await().atMost(Duration.ofSeconds(10)).until(() -> view.get().size() == PROVIDERS);
        assertOnlyRead(null);

        // A provider rewrites its node (a status heartbeat): that node is read, nothing else.
        reset();
        nodes.get(5).update(provider(5).withWeight(7));
        await().atMost(Duration.ofSeconds(10)).until(() -> view.get().stream()
                .anyMatch(p -> p.port() == 20005 && p.weight() == 7));
        assertOnlyRead(node(5));
    }

    private void assertOnlyRead(String changed) {
        Map<String, Integer> others = new java.util.TreeMap<>();
        dataReads.forEach((path, n) -> {
            if (!path.equals(changed) && n.get() > 0) {
                others.put(path, n.get());
            }
        });
        assertThat(others).as("data reads of nodes that did not change").isEmpty();
        assertThat(reads(childReads, PROVIDERS_PATH)).as("re-lists of " + PROVIDERS_PATH).isZero();
        if (changed != null) {
            assertThat(reads(dataReads, changed)).as("reads of the changed node").isBetween(1, 2);
        }
    }

    private void reset() {
        dataReads.clear();
        childReads.clear();
    }

    private static int reads(Map<String, AtomicInteger> counts, String path) {
        AtomicInteger n = counts.get(path);
        return n == null ? 0 : n.get();
    }

    private static ServiceInstance provider(int i) {
        return ServiceInstance.provider(SERVICE, "app", "127.0.0.1", 20000 + i);
    }

    private static String node(int i) {
        return PROVIDERS_PATH + "/127.0.0.1:" + (20000 + i);
    }

    /** Makes ZooKeeper clients that count the reads they send, by path. */
    private final class CountingFactory implements ZookeeperFactory {
        @Override
        public ZooKeeper newZooKeeper(String connectString, int sessionTimeout, Watcher watcher, boolean canBeReadOnly)
                throws Exception {
            // The asynchronous reads Curator 5 sends (GetDataBuilderImpl, GetChildrenBuilderImpl). ZooKeeper's
            // boolean-watch overloads of both call these Watcher overloads, so each read is counted once whichever
            // Curator uses; the first-load check of the test fails if Curator ever reads another way.
            return new ZooKeeper(connectString, sessionTimeout, watcher, canBeReadOnly) {
                @Override
                public void getData(String path, Watcher w, AsyncCallback.DataCallback cb, Object ctx) {
                    count(dataReads, path);
                    super.getData(path, w, cb, ctx);
                }

                @Override
                public void getChildren(String path, Watcher w, AsyncCallback.Children2Callback cb, Object ctx) {
                    count(childReads, path);
                    super.getChildren(path, w, cb, ctx);
                }
            };
        }
    }

    private static void count(Map<String, AtomicInteger> counts, String path) {
        counts.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
    }
}

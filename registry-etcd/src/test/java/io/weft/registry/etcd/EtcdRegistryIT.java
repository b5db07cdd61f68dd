package io.weft.registry.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.options.LeaseOption;
import io.weft.RegistryAddress;
import io.weft.ServiceInstance;
import io.weft.WeftConfig;
import io.weft.test.etcd.EtcdExtension;
import io.weft.registry.tests.RegistryContract;
import io.weft.registry.tests.Snapshots;
import io.weft.spi.InstanceRole;
import io.weft.spi.Registry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The registry contract and the etcd specifics, against a real etcd process. */
class EtcdRegistryIT extends RegistryContract {
    /** Short leases keep loss tests fast (etcd's minimum with default settings is 2 s). */
    private static final String LEASE_TTL_MS = "2000";
    private static final String CONNECT_TIMEOUT_MS = "3000";

    @RegisterExtension
    static final EtcdExtension ETCD = EtcdExtension.members(1);

    private static Client raw;

    @BeforeAll
    static void rawClient() {
        raw = Client.builder().endpoints("http://" + ETCD.cluster().endpoints()).build();
    }

    @AfterAll
    static void closeRawClient() {
        raw.close();
    }

    @Override
    protected String address() {
        return ETCD.address();
    }

    @Override
    protected WeftConfig config() {
        return WeftConfig.empty()
                .with(EtcdRegistryFactory.LEASE_TTL_MS, LEASE_TTL_MS)
                .with(EtcdRegistryFactory.CONNECT_TIMEOUT_MS, CONNECT_TIMEOUT_MS);
    }

    @Override
    protected void loseSession(Registry registry) throws Exception {
        raw.getLeaseClient().revoke(leaseOf(registry)).get(5, TimeUnit.SECONDS);
    }

    @Override
    protected void interruptWatches(Registry registry) throws Exception {
        long now = raw.getKVClient().get(bytes("/")).get(5, TimeUnit.SECONDS).getHeader().getRevision();
        raw.getKVClient().compact(now).get(5, TimeUnit.SECONDS);
        ((EtcdRegistry) registry).rewindWatches(1); // behind the compaction: etcd cancels the streams
    }

    @Override
    protected void stopServer() {
        ETCD.cluster().member(0).stop();
    }

    @Override
    protected void startServer() throws Exception {
        ETCD.cluster().member(0).start();
    }

    @Override
    protected void endSessionAbruptly(Registry registry) {
        ((EtcdRegistry) registry).closeAbruptly();
    }

    @Override
    protected void writeRaw(String path, byte[] value) throws Exception {
        raw.getKVClient().put(bytes(path), ByteSequence.from(value)).get(5, TimeUnit.SECONDS);
    }

    @Override
    protected byte[] readRaw(String path) throws Exception {
        List<KeyValue> kvs = raw.getKVClient().get(bytes(path)).get(5, TimeUnit.SECONDS).getKvs();
        return kvs.isEmpty() ? null : kvs.get(0).getValue().getBytes();
    }

    private static long leaseOf(Registry registry) {
        return ((EtcdRegistry) registry).lease().id();
    }

    private static ByteSequence bytes(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }

    private KeyValue rawKeyValue(String path) throws Exception {
        List<KeyValue> kvs = raw.getKVClient().get(bytes(path)).get(5, TimeUnit.SECONDS).getKvs();
        return kvs.isEmpty() ? null : kvs.get(0);
    }

    @Test
    void instanceKeysAreBoundToTheRegistryLeaseWithTheConfiguredTtlRoundedUpToSeconds() throws Exception {
        Registry registry = opened(factory().create(RegistryAddress.parse(address()),
                config().with(EtcdRegistryFactory.LEASE_TTL_MS, "2500")));
        registry.register(InstanceRole.PROVIDER, provider(20880));
        registry.register(InstanceRole.CONSUMER, provider(20881));

        long lease = leaseOf(registry);
        assertThat(rawKeyValue(providerPath(20880)).getLease()).isEqualTo(lease);
        assertThat(rawKeyValue("/weft/services/" + service + "/consumers/127.0.0.1:20881").getLease())
                .isEqualTo(lease);
        assertThat(raw.getLeaseClient().timeToLive(lease, LeaseOption.DEFAULT).get(5, TimeUnit.SECONDS)
                .getGrantedTTL()).isEqualTo(3);
    }

    @Test
    void keyOfAProcessThatDiesIsGoneWithinTheLeaseTtl() throws Exception {
        Registry registry = newRegistry();
        registry.register(InstanceRole.PROVIDER, provider(20880));
        assertThat(readRaw(providerPath(20880))).isNotNull();

        ((EtcdRegistry) registry).closeAbruptly();

        await().atMost(Duration.ofMillis(2000 + 1500)).until(() -> readRaw(providerPath(20880)) == null);
    }

    @Test
    void closingTheRegistryRevokesItsLease() throws Exception {
        Registry registry = connect();
        registry.register(InstanceRole.PROVIDER, provider(20880));
        long lease = leaseOf(registry);

        registry.close();

        assertThat(readRaw(providerPath(20880))).isNull();
        assertThat(raw.getLeaseClient().timeToLive(lease, LeaseOption.DEFAULT).get(5, TimeUnit.SECONDS).getTTL())
                .isEqualTo(-1);
    }

    @Test
    void lostLeaseIsReplacedAndEveryKeyPutAgainWithTheLatestValue() throws Exception {
        Registry registry = newRegistry();
        Registry.Registration registration = registry.register(InstanceRole.PROVIDER, provider(20880));
        registry.register(InstanceRole.CONSUMER, provider(20881));
        long lost = leaseOf(registry);

        loseSession(registry);
        ServiceInstance updated = provider(20880).withWeight(3);
        registration.update(updated);

        await().atMost(RECOVERY).until(() -> {
            KeyValue kv = rawKeyValue(providerPath(20880));
            return kv != null && kv.getLease() != lost && kv.getLease() == leaseOf(registry);
        });
        await().atMost(SHORT).until(() -> List.of(updated).equals(newRegistry().list(service, InstanceRole.PROVIDER)));
        assertThat(rawKeyValue("/weft/services/" + service + "/consumers/127.0.0.1:20881").getLease())
                .isEqualTo(leaseOf(registry));
    }

    @Test
    void watchCancelledByCompactionReadsAgainWithoutMissingOrRepeatingChanges() throws Exception {
        Registry provider = newRegistry();
        Registry consumer = newRegistry();
        Registry.Registration first = provider.register(InstanceRole.PROVIDER, provider(20880));
        Snapshots<List<ServiceInstance>> seen = new Snapshots<>();
        consumer.watch(service, InstanceRole.PROVIDER, seen);
        await().atMost(SHORT).until(() -> seen.latestIs(List.of(provider(20880))));

        provider.register(InstanceRole.PROVIDER, provider(20881));
        first.close();
        await().atMost(SHORT).until(() -> seen.latestIs(List.of(provider(20881))));
        int before = seen.count();
        interruptWatches(consumer);
        provider.register(InstanceRole.PROVIDER, provider(20882));

        await().atMost(RECOVERY).until(() -> seen.latestIs(List.of(provider(20881), provider(20882))));
        List<List<ServiceInstance>> after = seen.all().subList(before - 1, seen.count());
        for (int i = 1; i < after.size(); i++) {
            assertThat(after.get(i)).isNotEqualTo(after.get(i - 1)); // nothing delivered twice
        }
        assertThat(after).doesNotContain(List.of(provider(20880)), List.of(provider(20880), provider(20881)));
    }
}

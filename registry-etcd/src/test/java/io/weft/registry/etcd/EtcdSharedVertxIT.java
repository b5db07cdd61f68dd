package io.weft.registry.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.weft.RegistryAddress;
import io.weft.ServiceInstance;
import io.weft.WeftConfig;
import io.weft.registry.tests.RegistrySuite;
import io.weft.spi.InstanceRole;
import io.weft.spi.Registry;
import io.weft.test.etcd.EtcdExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The etcd registries of a JVM keep their leases alive on one shared Vert.x instance, against a real etcd. */
class EtcdSharedVertxIT extends RegistrySuite {
    private static final Duration TTL = Duration.ofSeconds(2);

    @RegisterExtension
    static final EtcdExtension ETCD = EtcdExtension.members(1);

    @Override
    protected String address() {
        return ETCD.address();
    }

    @BeforeEach
    void noVertxThreadsLeft() {
        // Vert.x ends its threads shortly after close(): those of earlier tests may still be going
        await().atMost(SHORT).until(() -> vertxThreads().isEmpty());
    }

    private Registry connect() {
        return opened(factory().create(RegistryAddress.parse(address()), WeftConfig.empty()
                .with(EtcdRegistryFactory.LEASE_TTL_MS, String.valueOf(TTL.toMillis()))
                .with(EtcdRegistryFactory.CONNECT_TIMEOUT_MS, "3000")));
    }

    /** Registries each holding a lease: one registration each, on ports 20880, 20881, … */
    private List<Registry> registering(int count) {
        List<Registry> registries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Registry registry = connect();
            registry.register(InstanceRole.PROVIDER, provider(20880 + i));
            registries.add(registry);
        }
        return registries;
    }

    private static List<String> vertxThreads() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(name -> name.startsWith("vert.x-") || name.startsWith("vertx-")).sorted().toList();
    }

    @Test
    void registriesOfTheJvmShareOneVertxEventLoopThread() {
        registering(4);

        // the leases' keep-alive timers start on the registries' own threads: wait for them, then hold
        await().atMost(SHORT).until(() -> !vertxThreads().isEmpty());
        await().during(Duration.ofSeconds(1)).atMost(SHORT).untilAsserted(() -> assertThat(vertxThreads())
                .containsExactly("vert.x-eventloop-thread-0", "vertx-blocked-thread-checker"));
    }

    @Test
    void closingOneRegistryKeepsTheOthersLeasesRenewed() {
        List<Registry> registries = registering(3);

        registries.get(0).close();

        List<ServiceInstance> others = List.of(provider(20881), provider(20882));
        await().during(TTL.multipliedBy(3)).atMost(TTL.multipliedBy(5))
                .until(() -> registries.get(2).list(service, InstanceRole.PROVIDER).equals(others));
    }

    @Test
    void closingTheLastRegistryEndsTheVertxThreadsAndTheNextRegistryStartsThemAgain() {
        registering(3).forEach(Registry::close);

        await().atMost(SHORT).until(() -> vertxThreads().isEmpty());
        Registry next = connect();
        next.register(InstanceRole.PROVIDER, provider(20890));
        await().atMost(SHORT).untilAsserted(() -> assertThat(vertxThreads())
                .containsExactly("vert.x-eventloop-thread-0", "vertx-blocked-thread-checker"));
        await().during(TTL.multipliedBy(2)).atMost(TTL.multipliedBy(4))
                .until(() -> next.list(service, InstanceRole.PROVIDER).equals(List.of(provider(20890))));
    }
}

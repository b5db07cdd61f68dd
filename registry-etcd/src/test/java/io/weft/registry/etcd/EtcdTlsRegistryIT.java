package io.weft.registry.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weft.RegistryAddress;
import io.weft.RpcException;
import io.weft.ServiceInstance;
import io.weft.Status;
import io.weft.WeftConfig;
import io.weft.WeftConfigException;
import io.weft.internal.tls.TestPki;
import io.weft.test.etcd.EtcdExtension;
import io.weft.test.etcd.EtcdServerTls;
import io.weft.spi.InstanceRole;
import io.weft.spi.Registry;
import io.weft.spi.RuleValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code weft.registry.tls.*} against a real etcd that speaks only TLS on its client URL and requires
 * client certificates ({@code --cert-file}, {@code --key-file}, {@code --client-cert-auth},
 * {@code --trusted-ca-file}).
 */
class EtcdTlsRegistryIT {
    private static final Path DIR = tempDir();
    private static final TestPki CA = TestPki.create(DIR, "etcd");
    private static final TestPki.Issued SERVER = CA.issue("etcd-server", null);
    private static final TestPki.Issued CLIENT = CA.issue("weft-client", null);
    private static final TestPki OTHER_CA = TestPki.create(DIR, "other");

    @RegisterExtension
    static final EtcdExtension ETCD = EtcdExtension.members(1)
            .withTls(new EtcdServerTls(SERVER.cert(), SERVER.key(), CA.caFile()));

    private final List<Registry> opened = new ArrayList<>();

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("weft-etcd-tls-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterEach
    void close() {
        opened.forEach(Registry::close);
    }

    private static WeftConfig tls(Path trust, TestPki.Issued client) {
        WeftConfig config = WeftConfig.empty().with(EtcdRegistryFactory.CONNECT_TIMEOUT_MS, "3000")
                .with("weft.registry.tls.trust-file", trust.toString());
        if (client != null) {
            config = config.with("weft.registry.tls.cert-file", client.cert().toString())
                    .with("weft.registry.tls.key-file", client.key().toString());
        }
        return config;
    }

    private Registry open(WeftConfig config) {
        Registry registry = new EtcdRegistryFactory().create(RegistryAddress.parse(ETCD.address()), config);
        opened.add(registry);
        return registry;
    }

    @Test
    void registryOverMutualTlsRegistersDiscoversAndWritesRules() {
        String service = "io.weft.tls.Greeter" + System.nanoTime();
        ServiceInstance instance = new ServiceInstance(service, "127.0.0.1:20880", "app", "127.0.0.1", 20880, null,
                null, "1.0.0", 100, Map.of(), List.of("greet"), true, 1L, null, null);
        Registry provider = open(tls(CA.caFile(), CLIENT));
        Registry consumer = open(tls(CA.caFile(), CLIENT));

        provider.register(InstanceRole.PROVIDER, instance);
        long revision = provider.putRule(service, "routing", "{\"routes\":[]}", 0);

        assertThat(consumer.list(service, InstanceRole.PROVIDER)).containsExactly(instance);
        assertThat(consumer.getRule(service, "routing")).contains(new RuleValue("{\"routes\":[]}", revision));
    }

    @Test
    void plaintextClientCannotReachATlsOnlyEtcd() {
        WeftConfig plaintext = WeftConfig.empty().with(EtcdRegistryFactory.CONNECT_TIMEOUT_MS, "2000");

        assertThatThrownBy(() -> open(plaintext))
                .isInstanceOfSatisfying(RpcException.class, e -> assertThat(e.status()).isEqualTo(Status.UNAVAILABLE));
    }

    @Test
    void etcdCertificateFromAnUntrustedCaIsRefused() {
        assertThatThrownBy(() -> open(tls(OTHER_CA.caFile(), CLIENT).with(EtcdRegistryFactory.CONNECT_TIMEOUT_MS,
                "2000")))
                .isInstanceOfSatisfying(RpcException.class, e -> assertThat(e.status()).isEqualTo(Status.UNAVAILABLE));
    }

    @Test
    void clientWithoutACertificateIsRefusedByClientCertAuth() {
        assertThatThrownBy(() -> open(tls(CA.caFile(), null).with(EtcdRegistryFactory.CONNECT_TIMEOUT_MS, "2000")))
                .isInstanceOf(RpcException.class);
    }

    @Test
    void certFileWithoutKeyFileNamesBothKeys() {
        WeftConfig half = tls(CA.caFile(), null).with("weft.registry.tls.cert-file", CLIENT.cert().toString());

        assertThatThrownBy(() -> open(half)).isInstanceOf(WeftConfigException.class)
                .hasMessageContaining("weft.registry.tls.key-file").hasMessageContaining("weft.registry.tls.cert-file");
    }

    @Test
    void missingTrustFileNamesTheKeyAndThePath() {
        WeftConfig missing = WeftConfig.empty().with("weft.registry.tls.trust-file", DIR.resolve("nope.pem").toString());

        assertThatThrownBy(() -> open(missing)).isInstanceOf(WeftConfigException.class)
                .hasMessageContaining("weft.registry.tls.trust-file").hasMessageContaining("nope.pem");
    }
}

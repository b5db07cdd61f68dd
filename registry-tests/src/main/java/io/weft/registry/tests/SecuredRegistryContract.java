package io.weft.registry.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.weft.RegistryAddress;
import io.weft.RpcException;
import io.weft.ServiceInstance;
import io.weft.Status;
import io.weft.WeftConfig;
import io.weft.WeftConfigException;
import io.weft.registry.support.InstanceJson;
import io.weft.registry.support.RegistryPaths;
import io.weft.spi.InstanceRole;
import io.weft.spi.Registry;
import io.weft.spi.RegistryFactory;
import io.weft.spi.RuleValue;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * What a registry with credentials ({@code weft.registry.username}/{@code password}) must guarantee
 * on every backend (DESIGN §7): what Weft writes with them cannot be overwritten, deleted or added to
 * without them, while a consumer without write credentials still discovers providers and reads
 * rules. Backends subclass it with a server whose access control is on.
 *
 * <p>"Outsider" is whoever has no write credentials: on ZooKeeper a client with none at all (anyone
 * may read); on etcd, which refuses anonymous clients once authentication is on, a user whose role
 * may only read the namespace.
 */
public abstract class SecuredRegistryContract extends RegistrySuite {
    private static final byte[] EVIL = ("{\"service\":\"x\",\"instanceId\":\"203.0.113.66:20880\",\"host\":\"203.0.113.66\","
            + "\"port\":20880,\"protocol\":\"weft/1\",\"tls\":false}").getBytes(StandardCharsets.UTF_8);

    /** Configuration with the credentials the registry nodes are written with. */
    protected abstract WeftConfig ownerConfig();

    /** Configuration of a consumer without write credentials. */
    protected abstract WeftConfig outsiderConfig();

    /** Creates or overwrites {@code path} as a plain (persistent, unleased) node, without write credentials. */
    protected abstract void forgeWithoutCredentials(String path, byte[] value) throws Exception;

    /** Deletes {@code path} without write credentials. */
    protected abstract void deleteWithoutCredentials(String path) throws Exception;

    /** The value at {@code path}, read with full rights bypassing the registry; {@code null} when absent. */
    protected abstract byte[] readRaw(String path) throws Exception;

    protected final Registry owner() {
        return open(ownerConfig());
    }

    protected final Registry outsider() {
        return open(outsiderConfig());
    }

    protected final Registry open(WeftConfig config) {
        return opened(factory().create(RegistryAddress.parse(address()), config));
    }

    @Test
    void providerNodeCannotBeOverwrittenOrDeletedWithoutCredentials() throws Exception {
        owner().register(InstanceRole.PROVIDER, provider(20880));

        assertThatThrownBy(() -> forgeWithoutCredentials(providerPath(20880), EVIL)).isNotNull();
        assertThatThrownBy(() -> deleteWithoutCredentials(providerPath(20880))).isNotNull();

        assertThat(readRaw(providerPath(20880))).isEqualTo(InstanceJson.encode(provider(20880)));
        assertThat(outsider().list(service, InstanceRole.PROVIDER)).containsExactly(provider(20880));
    }

    @Test
    void forgedProviderNodeCannotBeAddedWithoutCredentials() throws Exception {
        owner().register(InstanceRole.PROVIDER, provider(20880));

        assertThatThrownBy(() -> forgeWithoutCredentials(providerPath(20999), EVIL)).isNotNull();

        assertThat(readRaw(providerPath(20999))).isNull();
        assertThat(outsider().list(service, InstanceRole.PROVIDER)).containsExactly(provider(20880));
    }

    @Test
    void ruleAndAuditWritesWithoutCredentialsAreRefused() throws Exception {
        Registry owner = owner();
        long revision = owner.putRule(service, "routing", "{\"routes\":[]}", 0);
        owner.appendAudit("{\"n\":1}");
        Registry outsider = outsider();

        assertDenied(() -> outsider.putRule(service, "routing", "{\"evil\":1}", revision));
        assertDenied(() -> outsider.putRule(service, "routing", "{\"evil\":1}", -1));
        assertDenied(() -> outsider.putRule(service, "security", "{\"defaultAction\":\"allow\"}", 0));
        assertDenied(() -> outsider.deleteRule(service, "routing", revision));
        assertDenied(() -> outsider.appendAudit("{\"forged\":true}"));
        assertThatThrownBy(() -> forgeWithoutCredentials(RegistryPaths.rule("weft", service, "routing"),
                "{\"evil\":2}".getBytes(StandardCharsets.UTF_8))).isNotNull();

        assertThat(owner.getRule(service, "routing")).contains(new RuleValue("{\"routes\":[]}", revision));
        assertThat(owner.getRule(service, "security")).isEmpty();
        assertThat(owner.audit(10)).doesNotContain("{\"forged\":true}");
    }

    @Test
    void consumerWithoutWriteCredentialsDiscoversProvidersAndReadsRules() {
        Registry owner = owner();
        owner.register(InstanceRole.PROVIDER, provider(20880));
        long revision = owner.putRule(service, "routing", "{\"routes\":[]}", 0);
        Registry outsider = outsider();
        Snapshots<List<ServiceInstance>> providers = new Snapshots<>();
        Snapshots<Optional<RuleValue>> rules = new Snapshots<>();

        outsider.watch(service, InstanceRole.PROVIDER, providers);
        outsider.watchRule(service, "routing", rules);

        await().atMost(SHORT).until(() -> providers.latestIs(List.of(provider(20880))));
        await().atMost(SHORT).until(() -> rules.latestIs(Optional.of(new RuleValue("{\"routes\":[]}", revision))));
        owner.register(InstanceRole.PROVIDER, provider(20881));
        await().atMost(SHORT).until(() -> providers.latestIs(List.of(provider(20880), provider(20881))));
        assertThat(outsider.list(service, InstanceRole.PROVIDER)).containsExactly(provider(20880), provider(20881));
        assertThat(outsider.services()).contains(service);
    }

    @Test
    void registrationWithoutWriteCredentialsIsRefusedAtOnceWithPermissionDenied() {
        owner().register(InstanceRole.PROVIDER, provider(20880));
        Registry outsider = outsider();
        ServiceInstance consumer = new ServiceInstance(service, "web-1", "web", "10.0.0.7", 0, null, null, null,
                0, null, null, false, 1L, null, null);

        long start = System.nanoTime();
        assertThatThrownBy(() -> outsider.register(InstanceRole.CONSUMER, consumer))
                .isInstanceOfSatisfying(RpcException.class,
                        e -> assertThat(e.status()).isEqualTo(Status.PERMISSION_DENIED))
                .hasMessageContaining("/consumers/web-1");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(SHORT);
        assertThat(outsider.list(service, InstanceRole.CONSUMER)).isEmpty();
        // the failed registration left nothing behind: the same registry can still read
        assertThat(outsider.list(service, InstanceRole.PROVIDER)).containsExactly(provider(20880));
    }

    @Test
    void ownerRegistersUpdatesAndDeregistersAsWithoutCredentials() throws Exception {
        Registry owner = owner();
        Registry.Registration registration = owner.register(InstanceRole.PROVIDER, provider(20880));
        registration.update(provider(20880).withWeight(5));
        await().atMost(SHORT).until(() -> List.of(provider(20880).withWeight(5))
                .equals(outsider().list(service, InstanceRole.PROVIDER)));

        registration.close();

        assertThat(readRaw(providerPath(20880))).isNull();
        long created = owner.putRule(service, "faults", "{}", 0);
        assertThat(owner.deleteRule(service, "faults", created)).isTrue();
    }

    @Test
    void usernameWithoutPasswordNamesTheMissingKey() {
        WeftConfig half = WeftConfig.empty().with("weft.registry.username", "weft");

        assertThatThrownBy(() -> factory().create(RegistryAddress.parse(address()), half))
                .isInstanceOf(WeftConfigException.class)
                .hasMessageContaining("weft.registry.password")
                .hasMessageContaining("weft.registry.username");
    }

    /** One write by one outsider's client. */
    @FunctionalInterface
    protected interface Attempt<C> {
        void by(C outsider) throws Exception;
    }

    /** Tries {@code attempt} as each of {@code outsiders}: returns once one goes through, else throws the last refusal. */
    protected static <C> void asAnyOf(List<C> outsiders, Attempt<C> attempt) throws Exception {
        Exception refused = null;
        for (C outsider : outsiders) {
            try {
                attempt.by(outsider);
                return;
            } catch (Exception e) {
                refused = e;
            }
        }
        throw refused;
    }

    private static void assertDenied(Runnable write) {
        assertThatThrownBy(write::run).isInstanceOfSatisfying(RpcException.class,
                e -> assertThat(e.status()).isEqualTo(Status.PERMISSION_DENIED));
    }
}

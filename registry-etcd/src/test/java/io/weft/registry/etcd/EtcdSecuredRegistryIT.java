package io.weft.registry.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.etcd.jetcd.Auth;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.auth.Permission;
import io.weft.RegistryAddress;
import io.weft.RpcException;
import io.weft.Status;
import io.weft.WeftConfig;
import io.weft.test.etcd.EtcdExtension;
import io.weft.registry.tests.SecuredRegistryContract;
import io.weft.spi.InstanceRole;
import io.weft.spi.Registry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The secured-registry contract on a real etcd with authentication on (RBAC as docs/security.md
 * sets it up): user {@code weft} may read and write the namespace prefix {@code /weft/}, user
 * {@code weft-reader} may only read it. etcd refuses anonymous clients once authentication is on, so
 * here the outsider — a consumer without write credentials — is the reader.
 */
class EtcdSecuredRegistryIT extends SecuredRegistryContract {
    private static final String ROOT_PASSWORD = "root-pw";
    private static final String WRITER_PASSWORD = "weft-pw";
    private static final String READER_PASSWORD = "reader-pw";

    @RegisterExtension
    static final EtcdExtension ETCD = EtcdExtension.members(1);

    private static Client root;
    private static Client reader;
    private static Client anonymous;

    @BeforeAll
    static void enableAuthentication() throws Exception {
        try (Client admin = Client.builder().endpoints(endpoint()).build()) {
            Auth auth = admin.getAuthClient();
            await(auth.roleAdd(bytes("root")));
            await(auth.userAdd(bytes("root"), bytes(ROOT_PASSWORD)));
            await(auth.userGrantRole(bytes("root"), bytes("root")));
            await(auth.roleAdd(bytes("weft-readwrite")));
            await(auth.roleGrantPermission(bytes("weft-readwrite"), bytes("/weft/"), bytes("/weft0"),
                    Permission.Type.READWRITE));
            await(auth.userAdd(bytes("weft"), bytes(WRITER_PASSWORD)));
            await(auth.userGrantRole(bytes("weft"), bytes("weft-readwrite")));
            await(auth.roleAdd(bytes("weft-read")));
            await(auth.roleGrantPermission(bytes("weft-read"), bytes("/weft/"), bytes("/weft0"), Permission.Type.READ));
            await(auth.userAdd(bytes("weft-reader"), bytes(READER_PASSWORD)));
            await(auth.userGrantRole(bytes("weft-reader"), bytes("weft-read")));
            await(auth.authEnable());
        }
        root = Client.builder().endpoints(endpoint()).user(bytes("root")).password(bytes(ROOT_PASSWORD)).build();
        reader = Client.builder().endpoints(endpoint()).user(bytes("weft-reader")).password(bytes(READER_PASSWORD))
                .build();
        anonymous = Client.builder().endpoints(endpoint()).build();
    }

    @AfterAll
    static void closeClients() {
        for (Client c : new Client[] {root, reader, anonymous}) {
            if (c != null) {
                c.close();
            }
        }
    }

    private static String endpoint() {
        return "http://" + ETCD.cluster().endpoints();
    }

    private static ByteSequence bytes(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }

    private static <T> T await(java.util.concurrent.CompletableFuture<T> future) throws Exception {
        return future.get(10, TimeUnit.SECONDS);
    }

    @Override
    protected String address() {
        return ETCD.address();
    }

    @Override
    protected WeftConfig ownerConfig() {
        return base().with("weft.registry.username", "weft").with("weft.registry.password", WRITER_PASSWORD);
    }

    @Override
    protected WeftConfig outsiderConfig() {
        return base().with("weft.registry.username", "weft-reader").with("weft.registry.password", READER_PASSWORD);
    }

    private static WeftConfig base() {
        return WeftConfig.empty().with(EtcdRegistryFactory.LEASE_TTL_MS, "2000")
                .with(EtcdRegistryFactory.CONNECT_TIMEOUT_MS, "3000");
    }

    /** Tries as the read-only user and as an anonymous client; returns if either write went through. */
    @Override
    protected void forgeWithoutCredentials(String path, byte[] value) throws Exception {
        asAnyOf(List.of(reader, anonymous), c -> await(c.getKVClient().put(bytes(path), ByteSequence.from(value))));
    }

    /** Tries as the read-only user and as an anonymous client; returns if either delete went through. */
    @Override
    protected void deleteWithoutCredentials(String path) throws Exception {
        asAnyOf(List.of(reader, anonymous), c -> await(c.getKVClient().delete(bytes(path))));
    }

    @Override
    protected byte[] readRaw(String path) throws Exception {
        List<KeyValue> kvs = await(root.getKVClient().get(bytes(path))).getKvs();
        return kvs.isEmpty() ? null : kvs.get(0).getValue().getBytes();
    }

    @Test
    void clientWithoutCredentialsCannotEvenReadAndIsToldWhichKeysToSet() {
        Registry anonymousRegistry = open(base()); // etcd 3.4 lets it take a lease, nothing more

        assertThatThrownBy(() -> anonymousRegistry.list(service, InstanceRole.PROVIDER))
                .isInstanceOfSatisfying(RpcException.class,
                        e -> assertThat(e.status()).isEqualTo(Status.PERMISSION_DENIED))
                .hasMessageContaining("weft.registry.username");
    }

    @Test
    void wrongPasswordIsRefusedWithPermissionDeniedNamingTheUser() {
        WeftConfig wrong = base().with("weft.registry.username", "weft").with("weft.registry.password", "nope");

        assertThatThrownBy(() -> factory().create(RegistryAddress.parse(address()), wrong))
                .isInstanceOfSatisfying(RpcException.class,
                        e -> assertThat(e.status()).isEqualTo(Status.PERMISSION_DENIED))
                .hasMessageContaining("'weft'");
    }
}

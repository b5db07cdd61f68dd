package io.weft.registry.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weft.WeftConfig;
import io.weft.registry.tests.SecuredRegistryContract;
import io.weft.spi.InstanceRole;
import io.weft.spi.Registry;
import java.util.ArrayList;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Id;
import org.apache.zookeeper.data.Stat;
import org.apache.zookeeper.server.auth.DigestAuthenticationProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The secured-registry contract on a real ZooKeeper server (digest authentication needs no server
 * configuration), plus the ACLs themselves: every node Weft creates, the namespace root included.
 */
class ZooKeeperSecuredRegistryIT extends SecuredRegistryContract {
    private static final String USER = "weft";
    private static final String PASSWORD = "s3cret-registry";

    private static TestingServer server;
    private static CuratorFramework anonymous;
    private static CuratorFramework wrongPassword;
    private static CuratorFramework ownerClient; // ZooKeeper shows digests in ACLs only to who may administer

    @BeforeAll
    static void startZooKeeper() throws Exception {
        server = new TestingServer(true);
        anonymous = RawZooKeeper.connect(server.getConnectString(), null);
        wrongPassword = RawZooKeeper.connect(server.getConnectString(), USER + ":not-the-password");
        ownerClient = RawZooKeeper.connect(server.getConnectString(), USER + ":" + PASSWORD);
    }

    @AfterAll
    static void stopZooKeeper() throws Exception {
        anonymous.close();
        wrongPassword.close();
        ownerClient.close();
        server.close();
    }

    @Override
    protected String address() {
        return "zookeeper://" + server.getConnectString();
    }

    @Override
    protected WeftConfig ownerConfig() {
        return WeftConfig.empty().with("weft.registry.username", USER).with("weft.registry.password", PASSWORD)
                .with(ZooKeeperRegistryFactory.CONNECT_TIMEOUT_MS, "3000");
    }

    @Override
    protected WeftConfig outsiderConfig() {
        return WeftConfig.empty().with(ZooKeeperRegistryFactory.CONNECT_TIMEOUT_MS, "3000");
    }

    /** Tries without credentials and with a wrong password; returns if either write went through. */
    @Override
    protected void forgeWithoutCredentials(String path, byte[] value) throws Exception {
        asAnyOf(List.of(anonymous, wrongPassword), attacker -> {
            if (attacker.checkExists().forPath(path) == null) {
                attacker.create().creatingParentsIfNeeded().forPath(path, value);
            } else {
                attacker.setData().forPath(path, value);
            }
        });
    }

    @Override
    protected void deleteWithoutCredentials(String path) throws Exception {
        anonymous.delete().forPath(path);
    }

    @Override
    protected byte[] readRaw(String path) throws Exception {
        return anonymous.checkExists().forPath(path) == null ? null : anonymous.getData().forPath(path);
    }

    @Test
    void everyNodeWeftCreatesIsReadableByAnyoneAndWritableOnlyWithTheCredentials() throws Exception {
        Registry owner = owner();
        owner.register(InstanceRole.PROVIDER, provider(20880));
        owner.register(InstanceRole.CONSUMER, provider(20881));
        owner.putRule(service, "routing", "{}", 0);
        owner.appendAudit("{}");
        List<ACL> expected = List.of(new ACL(ZooDefs.Perms.READ, ZooDefs.Ids.ANYONE_ID_UNSAFE),
                new ACL(ZooDefs.Perms.ALL, new Id("digest",
                        DigestAuthenticationProvider.generateDigest(USER + ":" + PASSWORD))));

        // The folders and this test's own subtrees: other tests' instance nodes may be going away meanwhile.
        List<String> nodes = new ArrayList<>(List.of("/weft", "/weft/services", "/weft/rules"));
        collect("/weft/services/" + service, nodes);
        collect("/weft/rules/" + service, nodes);
        collect("/weft/audit", nodes);

        assertThat(nodes).contains("/weft", "/weft/services", "/weft/rules", "/weft/audit",
                "/weft/services/" + service, "/weft/services/" + service + "/providers", providerPath(20880),
                "/weft/services/" + service + "/consumers", "/weft/rules/" + service,
                "/weft/rules/" + service + "/routing");
        for (String node : nodes) {
            assertThat(ownerClient.getACL().forPath(node)).as(node).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Test
    void namespaceRootAndFoldersArePersistentSoNobodyCanRecreateThemOpen() throws Exception {
        Registry.Registration registration = owner().register(InstanceRole.PROVIDER, provider(20880));
        registration.close();

        for (String folder : List.of("/weft", "/weft/services", "/weft/rules", "/weft/audit")) {
            Stat stat = anonymous.checkExists().forPath(folder);
            assertThat(stat).as(folder).isNotNull();
            assertThat(stat.getEphemeralOwner()).as(folder + " is neither ephemeral nor a container").isZero();
        }
        assertThatThrownBy(() -> anonymous.create().forPath("/weft/services/evil", new byte[0]))
                .isInstanceOf(KeeperException.NoAuthException.class);
    }

    private static void collect(String path, List<String> out) throws Exception {
        out.add(path);
        for (String child : anonymous.getChildren().forPath(path)) {
            collect(path + "/" + child, out);
        }
    }
}

package io.weft.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weft.RegistryAddress;
import io.weft.WeftConfig;
import java.nio.charset.StandardCharsets;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.KeeperException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The console opens the registry with {@code weft.registry.username}/{@code password} from its
 * configuration, so its rule writes carry the registry's ACL; a console without them cannot change
 * those rules and says why.
 */
class ConsoleRegistryCredentialsIT {
    private static final String RULE = "/api/services/io.weft.Locked/rules/routing";
    private static final String ROUTING = """
            {"routes":[{"name":"all","destinations":[{"subset":{"env":"stable"},"weight":100}]}],"fallback":"all"}""";

    private static TestingServer zookeeper;
    private static GovernanceConsole locked;
    private static GovernanceConsole open;
    private static CuratorFramework anonymous;

    @BeforeAll
    static void start() throws Exception {
        System.setProperty("zookeeper.admin.enableServer", "false");
        zookeeper = new TestingServer(true);
        RegistryAddress address = RegistryAddress.parse("zookeeper://" + zookeeper.getConnectString());
        ConsoleOptions options = Mesh.options();
        locked = GovernanceConsole.start(address, WeftConfig.empty().with("weft.registry.username", "console")
                .with("weft.registry.password", "registry-secret"), options);
        open = GovernanceConsole.start(address, WeftConfig.empty(), options);
        anonymous = CuratorFrameworkFactory.newClient(zookeeper.getConnectString(), new RetryOneTime(100));
        anonymous.start();
        anonymous.blockUntilConnected();
    }

    @AfterAll
    static void stop() throws Exception {
        anonymous.close();
        open.close();
        locked.close();
        zookeeper.close();
    }

    @Test
    void consoleWithCredentialsWritesARuleThatOnlyTheyCanChange() throws Exception {
        ConsoleClient client = ConsoleClient.loggedIn(locked);

        assertThat(client.send("PUT", RULE, ROUTING, null).status()).isEqualTo(201);

        String path = "/weft/rules/io.weft.Locked/routing";
        assertThat(new String(anonymous.getData().forPath(path), StandardCharsets.UTF_8)).isEqualTo(ROUTING);
        assertThatThrownBy(() -> anonymous.setData().forPath(path, "{}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(KeeperException.NoAuthException.class);
        ConsoleClient.Answer refused = ConsoleClient.loggedIn(open).send("PUT", RULE, ROUTING.replace("stable", "evil"), "\"1\"");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.raw().body()).contains("weft.registry.username");
        assertThat(new String(anonymous.getData().forPath(path), StandardCharsets.UTF_8)).isEqualTo(ROUTING);
    }
}

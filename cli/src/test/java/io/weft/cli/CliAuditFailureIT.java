package io.weft.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.RegistryAddress;
import io.weft.WeftConfig;
import io.weft.spi.Registry;
import io.weft.spi.RegistryFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.ACL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rule change from the command line and its audit entry stand or fall together (the console's
 * {@code RuleWriter}): with the audit folder made read-only by a real ZooKeeper ACL, {@code rules put}
 * fails with exit 1 saying the change was undone, and the rule is as before.
 */
class CliAuditFailureIT {
    private static final String SERVICE = "io.weft.cli.test.Audited";
    private static final String ROUTING = """
            {"routes":[{"name":"all","destinations":[{"subset":{"env":"stable"},"weight":100}]}]}""";
    private static TestingServer zookeeper;
    private static CuratorFramework curator;
    private static Registry admin;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        System.setProperty("zookeeper.admin.enableServer", "false"); // no Jetty admin server on a fixed port
        zookeeper = new TestingServer(true);
        curator = CuratorFrameworkFactory.newClient(zookeeper.getConnectString(), new RetryOneTime(100));
        curator.start();
        RegistryAddress address = RegistryAddress.parse(registry());
        admin = RegistryFactory.forScheme("zookeeper", CliAuditFailureIT.class.getClassLoader()).orElseThrow()
                .create(address, WeftConfig.empty());
    }

    @AfterAll
    static void stop() throws Exception {
        admin.close();
        curator.close();
        zookeeper.close();
    }

    private static String registry() {
        return "zookeeper://" + zookeeper.getConnectString();
    }

    @Test
    void putWhoseAuditEntryCannotBeWrittenIsUndoneAndExits1NamingTheCause() throws Exception {
        curator.create().orSetData().creatingParentsIfNeeded().forPath("/weft/audit");
        curator.setACL().withACL(new ArrayList<>(List.of(new ACL(ZooDefs.Perms.READ | ZooDefs.Perms.ADMIN,
                ZooDefs.Ids.ANYONE_ID_UNSAFE)))).forPath("/weft/audit");
        Path file = Files.writeString(dir.resolve("routing.json"), ROUTING);
        try {
            Cli.Result result = Cli.run("rules", "put", SERVICE, "routing", file.toString(), "--registry", registry());

            assertThat(result.exitCode()).as("%s", result).isEqualTo(1);
            assertThat(result.err()).contains("audit").contains("undone");
            assertThat(admin.getRule(SERVICE, "routing")).isEmpty();
        } finally {
            curator.setACL().withACL(ZooDefs.Ids.OPEN_ACL_UNSAFE).forPath("/weft/audit");
        }
    }
}

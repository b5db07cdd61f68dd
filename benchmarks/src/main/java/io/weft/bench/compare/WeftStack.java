package io.weft.bench.compare;

import io.weft.RegistryAddress;
import io.weft.ReferenceOptions;
import io.weft.Weft;
import io.weft.WeftConfig;
import io.weft.WeftKeys;
import io.weft.bench.Echo;
import io.weft.spi.Registry;
import io.weft.spi.RegistryFactory;
import java.util.Map;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;

/**
 * Weft with governance rules present and passing: the server JVM runs an embedded ZooKeeper,
 * writes routing, throttling, fault and security rules that match the echo call without refusing
 * it, and both sides watch them. The client reaches the provider by direct address. The provider
 * runs echo on its event loop ({@code weft.server.dispatch=direct}; {@code -Dweft.bench.dispatch=pool}
 * measures the business-pool hand-off instead).
 */
final class WeftStack implements Stack {
    static final String CLIENT_APP = "bench-client";
    private static final String ROUTING = "{\"routes\":[{\"name\":\"all\",\"match\":{\"methods\":[\"echo\"]},"
            + "\"destinations\":[{\"subset\":{},\"weight\":100}]}],\"fallback\":\"all\"}";
    private static final String THROTTLING = "{\"limits\":["
            + "{\"name\":\"server-qps\",\"side\":\"provider\",\"match\":{\"methods\":[\"echo\"]},\"qps\":100000000},"
            + "{\"name\":\"server-conc\",\"side\":\"provider\",\"maxConcurrent\":100000},"
            + "{\"name\":\"client-qps\",\"side\":\"consumer\",\"qps\":100000000}]}";
    private static final String FAULTS = "{\"faults\":[{\"name\":\"never\",\"side\":\"consumer\","
            + "\"match\":{\"methods\":[\"echo\"]},\"delay\":{\"ms\":1,\"percent\":0}}]}";
    private static final String SECURITY = "{\"defaultAction\":\"deny\",\"rules\":[{\"action\":\"allow\","
            + "\"match\":{\"consumerApps\":[\"" + CLIENT_APP + "\"],\"methods\":[\"echo\"]}}]}";

    private final String dispatch;

    /** @param dispatch the provider's {@code weft.server.dispatch}: {@code pool} or {@code direct} */
    WeftStack(String dispatch) {
        this.dispatch = dispatch;
    }

    @Override
    public Server serve(int port) throws Exception {
        TestingServer zk = new TestingServer(new InstanceSpec(null, -1, -1, -1, true, -1, -1, 0), true);
        String registry = "zookeeper://" + zk.getConnectString();
        RegistryAddress address = RegistryAddress.parse(registry);
        Registry admin = RegistryFactory.forScheme(address.scheme(), WeftStack.class.getClassLoader()).orElseThrow()
                .create(address, WeftConfig.empty());
        String service = Echo.class.getName();
        admin.putRule(service, "routing", ROUTING, 0);
        admin.putRule(service, "throttling", THROTTLING, 0);
        admin.putRule(service, "faults", FAULTS, 0);
        admin.putRule(service, "security", SECURITY, 0);
        Weft weft = Weft.create(WeftConfig.of(Map.of(WeftConfig.SERVER_PORT, Integer.toString(port),
                WeftConfig.SERVER_HOST, "127.0.0.1", WeftConfig.REGISTRY_ADDRESS, registry,
                WeftConfig.APPLICATION, "bench-server", WeftKeys.SERVER_DISPATCH.name(), dispatch)));
        weft.export(Echo.class, text -> text);
        return Server.of(registry, () -> {
            weft.close();
            admin.close();
            zk.close();
        });
    }

    @Override
    public Client connect(String host, int port, String info) {
        Weft weft = Weft.create(WeftConfig.of(Map.of(WeftConfig.REGISTRY_ADDRESS, info,
                WeftConfig.APPLICATION, CLIENT_APP)));
        Echo echo = weft.reference(Echo.class, ReferenceOptions.builder().directAddress(host + ":" + port).build());
        return Client.of(echo::echo, () -> weft.close());
    }
}

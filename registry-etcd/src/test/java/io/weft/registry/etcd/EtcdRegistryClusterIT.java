package io.weft.registry.etcd;

import io.etcd.jetcd.Client;
import io.etcd.jetcd.maintenance.StatusResponse;
import io.weft.RegistryAddress;
import io.weft.WeftConfig;
import io.weft.registry.tests.ClusterContract;
import io.weft.test.etcd.EtcdExtension;
import io.weft.test.etcd.EtcdMember;
import io.weft.spi.Registry;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The cluster contract on a real three-member etcd cluster: losing the leader. */
class EtcdRegistryClusterIT extends ClusterContract {
    @RegisterExtension
    static final EtcdExtension ETCD = EtcdExtension.members(3);

    @Override
    protected Registry connect() {
        WeftConfig config = WeftConfig.empty()
                .with(EtcdRegistryFactory.LEASE_TTL_MS, "3000")
                .with(EtcdRegistryFactory.CONNECT_TIMEOUT_MS, "5000");
        return new EtcdRegistryFactory().create(RegistryAddress.parse(ETCD.address()), config);
    }

    /** Kills the leader: the hardest member to lose (jetcd balances requests over all members). */
    @Override
    protected void killMemberServing(Registry registry) throws Exception {
        Client client = ((EtcdRegistry) registry).client();
        for (EtcdMember member : ETCD.cluster().members()) {
            StatusResponse status = client.getMaintenanceClient().statusMember("http://" + member.endpoint())
                    .get(5, TimeUnit.SECONDS);
            if (status.getLeader() == status.getHeader().getMemberId()) {
                member.kill();
                return;
            }
        }
        ETCD.cluster().member(0).kill();
    }
}

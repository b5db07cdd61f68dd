package io.weft.registry.etcd;

import io.weft.RegistryAddress;
import io.weft.WeftConfig;
import io.weft.test.etcd.EtcdExtension;
import io.weft.registry.tests.GovernanceContract;
import io.weft.spi.Registry;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The governance suite on a real etcd. */
class EtcdGovernanceIT extends GovernanceContract {
    @RegisterExtension
    static final EtcdExtension ETCD = EtcdExtension.members(1);

    @Override
    protected String registryAddress() {
        return ETCD.address();
    }

    @Override
    protected Registry newAdminRegistry() {
        return new EtcdRegistryFactory().create(RegistryAddress.parse(registryAddress()), WeftConfig.empty());
    }
}

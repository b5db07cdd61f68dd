package io.weft.registry.etcd;

import io.weft.registry.tests.GovernanceContract;
import io.weft.test.WeftExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The governance suite on a real etcd. */
class EtcdGovernanceIT extends GovernanceContract {
    @RegisterExtension
    static final WeftExtension ETCD = WeftExtension.etcd();

    EtcdGovernanceIT() {
        super(ETCD);
    }
}

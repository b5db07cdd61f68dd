package io.weft.sidecar;

import io.weft.test.etcd.EtcdExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The sidecar contract on a real etcd member (registry-tests' {@link EtcdExtension}). */
class SidecarEtcdIT extends SidecarContract {
    @RegisterExtension
    static final EtcdExtension ETCD = EtcdExtension.members(1);

    @Override
    protected String registryAddress() {
        return ETCD.address();
    }
}

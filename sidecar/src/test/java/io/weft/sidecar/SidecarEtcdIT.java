package io.weft.sidecar;

import io.weft.test.WeftExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The sidecar contract on a real etcd member. */
class SidecarEtcdIT extends SidecarContract {
    @RegisterExtension
    static final WeftExtension ETCD = WeftExtension.etcd();

    SidecarEtcdIT() {
        super(ETCD);
    }
}

package io.weft.cli;

import io.weft.test.etcd.EtcdExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@code weft} command on a real etcd member (registry-tests' {@link EtcdExtension}). */
class CliEtcdIT extends CliContract {
    @RegisterExtension
    static final EtcdExtension ETCD = EtcdExtension.members(1);

    @Override
    protected String registryAddress() {
        return ETCD.address();
    }
}

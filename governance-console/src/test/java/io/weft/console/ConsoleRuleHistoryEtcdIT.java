package io.weft.console;

import io.weft.test.etcd.EtcdExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Rule history and rollback through the console on a real etcd member. */
class ConsoleRuleHistoryEtcdIT extends RuleHistoryContract {
    @RegisterExtension
    static final EtcdExtension ETCD = EtcdExtension.members(1);

    @Override
    protected String registryAddress() {
        return ETCD.address();
    }
}

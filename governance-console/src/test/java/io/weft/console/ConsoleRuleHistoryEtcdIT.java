package io.weft.console;

import io.weft.test.WeftExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Rule history and rollback through the console on a real etcd member. */
class ConsoleRuleHistoryEtcdIT extends RuleHistoryContract {
    @RegisterExtension
    static final WeftExtension ETCD = WeftExtension.etcd();

    ConsoleRuleHistoryEtcdIT() {
        super(ETCD);
    }
}

package io.weft.cli;

import io.weft.test.WeftExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@code weft} command on a real etcd member. */
class CliEtcdIT extends CliContract {
    @RegisterExtension
    static final WeftExtension ETCD = WeftExtension.etcd();

    CliEtcdIT() {
        super(ETCD);
    }
}

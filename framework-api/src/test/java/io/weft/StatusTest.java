package io.weft;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StatusTest {
    @Test
    void codesFollowGrpcNumbering() {
        assertThat(Status.OK.code()).isZero();
        assertThat(Status.NOT_FOUND.code()).isEqualTo(5);
        assertThat(Status.RESOURCE_EXHAUSTED.code()).isEqualTo(8);
        assertThat(Status.UNIMPLEMENTED.code()).isEqualTo(12);
        assertThat(Status.UNAVAILABLE.code()).isEqualTo(14);
        assertThat(Status.UNAUTHENTICATED.code()).isEqualTo(16);
        for (Status s : Status.values()) {
            assertThat(Status.fromCode(s.code())).isSameAs(s);
        }
    }

    @Test
    void unknownCodesMapToUnknown() {
        assertThat(Status.fromCode(6)).isEqualTo(Status.UNKNOWN);
        assertThat(Status.fromCode(999)).isEqualTo(Status.UNKNOWN);
        assertThat(Status.fromCode(-1)).isEqualTo(Status.UNKNOWN);
    }

    @Test
    void rpcExceptionKeepsStatusAndBareDescription() {
        RpcException e = new RpcException(Status.NOT_FOUND, "no service x");
        assertThat(e.getMessage()).isEqualTo("NOT_FOUND: no service x");
        assertThat(e.description()).isEqualTo("no service x");
        assertThat(e.remoteExceptionClass()).isEmpty();
    }
}

package io.weft.internal.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.Status;
import io.weft.spi.CallListener.Side;
import org.junit.jupiter.api.Test;

class AccessLogTest {

    @Test
    void textLineHasTheContractFieldsInOrder() {
        assertThat(AccessLog.text(Side.SERVER, "io.weft.demo.Greeter", "greet", Status.OK, 1234, "10.0.0.7:51234",
                "web", "4bf92f3577b34da6a3ce929d0e0e4736"))
                .isEqualTo("server io.weft.demo.Greeter/greet OK 1234 10.0.0.7:51234 web 4bf92f3577b34da6a3ce929d0e0e4736");
    }

    @Test
    void jsonLineEscapesWhatItQuotes() {
        assertThat(AccessLog.json(Side.CLIENT, "svc", "m\"x", Status.UNAVAILABLE, 5, "-", "a\\b", "-"))
                .isEqualTo("{\"side\":\"client\",\"service\":\"svc\",\"method\":\"m\\\"x\",\"status\":\"UNAVAILABLE\","
                        + "\"duration_us\":5,\"peer\":\"-\",\"app\":\"a\\\\b\",\"trace_id\":\"-\"}");
    }

    @Test
    void traceIdComesFromAWellFormedTraceparentOnly() {
        assertThat(AccessLog.traceId("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"))
                .isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(AccessLog.traceId(null)).isEqualTo("-");
        assertThat(AccessLog.traceId("garbage")).isEqualTo("-");
        assertThat(AccessLog.traceId("00-4bf92f3577b34da6a3ce929d0e0e47ZZ-00f067aa0ba902b7-01")).isEqualTo("-");
        assertThat(AccessLog.traceId("00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01")).isEqualTo("-");
    }
}

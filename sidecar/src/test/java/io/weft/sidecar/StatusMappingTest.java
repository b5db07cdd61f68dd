package io.weft.sidecar;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.Status;
import org.junit.jupiter.api.Test;

class StatusMappingTest {

    @Test
    void everyStatusOfTheTableMapsToItsHttpStatusAndBack() {
        for (Status status : Status.values()) {
            int http = StatusMapping.toHttp(status);
            Status back = StatusMapping.fromHttp(http);
            if (status == Status.INTERNAL) {
                assertThat(http).isEqualTo(500);
                assertThat(back).isEqualTo(Status.UNKNOWN);
            } else if (status != Status.OK) {
                assertThat(back).as("%s → %d", status, http).isEqualTo(status);
            }
        }
        assertThat(StatusMapping.toHttp(Status.OK)).isEqualTo(200);
        assertThat(StatusMapping.toHttp(Status.CANCELLED)).isEqualTo(499);
        assertThat(StatusMapping.toHttp(Status.RESOURCE_EXHAUSTED)).isEqualTo(429);
    }

    @Test
    void otherClientErrorsAreInvalidArgumentAndOtherServerErrorsUnknown() {
        assertThat(StatusMapping.fromHttp(418)).isEqualTo(Status.INVALID_ARGUMENT);
        assertThat(StatusMapping.fromHttp(422)).isEqualTo(Status.INVALID_ARGUMENT);
        assertThat(StatusMapping.fromHttp(502)).isEqualTo(Status.UNKNOWN);
        assertThat(StatusMapping.fromHttp(302)).isEqualTo(Status.UNKNOWN);
    }
}

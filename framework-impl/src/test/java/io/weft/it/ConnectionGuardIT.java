package io.weft.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.buffer.ByteBufUtil;
import io.weft.ReferenceOptions;
import io.weft.Status;
import io.weft.Weft;
import io.weft.WeftConfig;
import io.weft.internal.governance.ConnectionGuard;
import io.weft.internal.serialization.Hessian2Serialization;
import io.weft.internal.server.ServerSettings;
import io.weft.internal.server.WeftServer;
import io.weft.internal.transport.FrameKind;
import io.weft.internal.transport.Transport;
import io.weft.internal.transport.Wire;
import io.weft.rule.SecurityRule.ConnectionLimits;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Per-IP connection and request-rate limits in the server pipeline, on real sockets. */
class ConnectionGuardIT {
    private final AtomicReference<ConnectionLimits> limits = new AtomicReference<>(ConnectionGuard.NO_LIMITS);
    private Transport transport;
    private WeftServer server;
    private int port;

    @BeforeEach
    void startServer() {
        transport = new Transport(1);
        server = new WeftServer(transport, ServerSettings.from(WeftConfig.empty()), new Hessian2Serialization(List.of()),
                List.of(), new ConnectionGuard(limits::get));
        server.export(EchoService.class, new EchoServiceImpl("p"));
        port = server.start("127.0.0.1", 0).getPort();
    }

    @AfterEach
    void stopServer() {
        server.shutdown(Duration.ofSeconds(1));
        transport.close();
    }

    private static Status echoOver(RawPeer peer, long id) throws Exception {
        peer.send(RawPeer.echoRequest(id, false));
        RawPeer.RawFrame response = peer.read();
        assertThat(response.id()).isEqualTo(id);
        return Status.fromCode(response.status());
    }

    @Test
    void connectionOverThePerIpLimitGetsGoAwayAndIsClosedWhileOthersKeepWorking() throws Exception {
        limits.set(new ConnectionLimits(2, null));
        try (RawPeer first = RawPeer.connect(port); RawPeer second = RawPeer.connect(port)) {
            assertThat(echoOver(first, 1)).isEqualTo(Status.OK);
            assertThat(echoOver(second, 1)).isEqualTo(Status.OK);

            try (RawPeer third = RawPeer.connect(port)) {
                RawPeer.RawFrame goAway = third.read();
                assertThat(goAway.kind()).isEqualTo(FrameKind.GOAWAY);
                assertThat(goAway.status()).isEqualTo(Status.RESOURCE_EXHAUSTED.code());
                assertThat(goAway.metadata().get(Wire.MESSAGE)).contains("too many connections from 127.0.0.1");
                assertThat(third.closedByPeer()).isTrue();
            }

            assertThat(echoOver(first, 2)).isEqualTo(Status.OK);
            assertThat(echoOver(second, 2)).isEqualTo(Status.OK);
        }
        // Both closed: their slots are free again.
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            try (RawPeer again = RawPeer.connect(port); RawPeer andAgain = RawPeer.connect(port)) {
                assertThat(echoOver(again, 1)).isEqualTo(Status.OK);
                assertThat(echoOver(andAgain, 1)).isEqualTo(Status.OK);
            }
        });
    }

    @Test
    void raisingTheConnectionLimitKeepsExistingConnectionsAndAdmitsNewOnes() throws Exception {
        limits.set(new ConnectionLimits(1, null));
        try (RawPeer first = RawPeer.connect(port)) {
            assertThat(echoOver(first, 1)).isEqualTo(Status.OK);
            limits.set(new ConnectionLimits(2, 1000));
            try (RawPeer second = RawPeer.connect(port)) {
                assertThat(echoOver(second, 1)).isEqualTo(Status.OK);
            }
            assertThat(echoOver(first, 2)).isEqualTo(Status.OK);
        }
    }

    @Test
    void requestBurstOverThePerIpRateIsRefusedAndWellBehavedCallsResume() throws Exception {
        limits.set(new ConnectionLimits(null, 5));
        int burst = 30;
        try (RawPeer peer = RawPeer.connect(port)) {
            ByteArrayOutputStream frames = new ByteArrayOutputStream();
            for (long id = 1; id <= burst; id++) {
                var frame = RawPeer.echoRequest(id, false);
                try {
                    frames.write(ByteBufUtil.getBytes(frame));
                } finally {
                    frame.release();
                }
            }
            peer.send(frames.toByteArray()); // all at once
            List<Status> statuses = new ArrayList<>();
            for (int i = 0; i < burst; i++) {
                statuses.add(Status.fromCode(peer.read().status()));
            }

            assertThat(statuses).filteredOn(s -> s == Status.OK).hasSizeBetween(5, 8);
            assertThat(statuses).filteredOn(s -> s == Status.RESOURCE_EXHAUSTED).hasSizeGreaterThanOrEqualTo(22);
        }
        try (Weft consumer = Nodes.consumer()) {
            EchoService echo = consumer.reference(EchoService.class,
                    ReferenceOptions.builder().directAddress("127.0.0.1:" + port).build());
            await().atMost(Duration.ofSeconds(5)).until(() -> Outcomes.of(() -> echo.echo("calm")) == Status.OK);
        }
    }
}

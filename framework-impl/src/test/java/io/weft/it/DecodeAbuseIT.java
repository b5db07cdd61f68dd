package io.weft.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.Status;
import io.weft.Weft;
import io.weft.internal.serialization.HessianBombs;
import io.weft.internal.transport.FrameKind;
import io.weft.internal.transport.Wire;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Requests built to cost the provider CPU (issue #12 item 2), on real sockets: refused quickly,
 * with a clear status, while the provider keeps serving.
 */
class DecodeAbuseIT {

    private static String sha256(String token) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(token.getBytes(StandardCharsets.UTF_8)));
    }

    private static RawPeer.RawFrame send(GovernedProvider provider, byte[] frame) throws Exception {
        try (RawPeer peer = RawPeer.connect(provider.port())) {
            peer.send(frame);
            return peer.read(); // 5 s at most: a request that costs more fails the test
        }
    }

    @Test
    void bombWithoutATokenIsRefusedUnauthenticatedBeforeItsArgumentsAreDecoded() throws Exception {
        try (GovernedProvider provider = new GovernedProvider(); Weft web = Outcomes.consumer("web", "s3cret")) {
            provider.put("security", """
                    {"authentication":{"mode":"token","tokens":[{"app":"web","sha256":"%s"}]}}"""
                    .formatted(sha256("s3cret")));
            // Depth 40: 2^40 map visits if the argument were decoded and its key hashed.
            RawPeer.RawFrame answer = send(provider, AbuseFigures.request(1, Map.of(),
                    HessianBombs.nestedMapBomb(40)));
            assertThat(answer.kind()).isEqualTo(FrameKind.RESPONSE);
            assertThat(answer.status()).isEqualTo(Status.UNAUTHENTICATED.code());
            assertThat(Outcomes.stub(web, provider).echo("still served")).isEqualTo("still served");
        }
    }

    @Test
    void nestedMapBombIsRefusedAsInvalidArgumentNamingTheProblem() throws Exception {
        try (GovernedProvider provider = new GovernedProvider(); Weft web = Outcomes.consumer("web", null)) {
            RawPeer.RawFrame answer = send(provider, AbuseFigures.request(1, Map.of(),
                    HessianBombs.nestedMapBomb(40)));
            assertThat(answer.status()).isEqualTo(Status.INVALID_ARGUMENT.code());
            assertThat(answer.metadata().get(Wire.MESSAGE))
                    .contains("cannot decode arguments")
                    .contains("map key may not be a collection, map or array");
            assertThat(Outcomes.stub(web, provider).echo("still served")).isEqualTo("still served");
        }
    }

    @Test
    void collidingListKeysAreRefusedAsInvalidArgument() throws Exception {
        try (GovernedProvider provider = new GovernedProvider()) {
            RawPeer.RawFrame answer = send(provider, AbuseFigures.request(1, Map.of(),
                    HessianBombs.collidingListKeys(20_000)));
            assertThat(answer.status()).isEqualTo(Status.INVALID_ARGUMENT.code());
            assertThat(answer.metadata().get(Wire.MESSAGE)).contains("map key may not be");
        }
    }

    @Test
    void requestWithTensOfThousandsOfMetadataKeysGetsGoAway() throws Exception {
        try (GovernedProvider provider = new GovernedProvider(); Weft web = Outcomes.consumer("web", null)) {
            RawPeer.RawFrame answer = send(provider, AbuseFigures.request(1,
                    AbuseFigures.collidingMetadataKeys(65_531), AbuseFigures.hessianOf("hi")));
            assertThat(answer.kind()).isEqualTo(FrameKind.GOAWAY);
            assertThat(answer.status()).isEqualTo(Status.INVALID_ARGUMENT.code());
            assertThat(answer.metadata().get(Wire.MESSAGE)).contains("more than the limit of 64");
            assertThat(Outcomes.stub(web, provider).echo("still served")).isEqualTo("still served");
        }
    }

    @Test
    void secondAppClaimInOneRequestIsAProtocolError() throws Exception {
        try (GovernedProvider provider = new GovernedProvider()) {
            RawPeer.RawFrame answer = send(provider, AbuseFigures.requestWithEntries(1, AbuseFigures.hessianOf("hi"),
                    Wire.SERVICE, EchoService.class.getName(), Wire.METHOD, "echo", Wire.APP, "web", Wire.APP, "admin"));
            assertThat(answer.kind()).isEqualTo(FrameKind.GOAWAY);
            assertThat(answer.status()).isEqualTo(Status.INVALID_ARGUMENT.code());
            assertThat(answer.metadata().get(Wire.MESSAGE)).contains("reserved metadata key :app appears more than once");
        }
    }
}

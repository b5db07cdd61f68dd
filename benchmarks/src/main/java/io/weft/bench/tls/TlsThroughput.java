package io.weft.bench.tls;

import io.weft.ReferenceOptions;
import io.weft.Weft;
import io.weft.WeftConfig;
import io.weft.bench.Echo;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * TLS versus plaintext echo throughput in one JVM: a provider and a consumer on loopback, C
 * closed-loop callers (default 32) calling {@code echo} with a small payload, first over plaintext,
 * then over TLS (a self-signed EC certificate made at start, trusted by the consumer), then over
 * mTLS. Prints calls/s for each. Usage: {@code TlsThroughput [C] [PAYLOAD_BYTES] [WARMUP_S] [MEASURE_S]}.
 */
public final class TlsThroughput {
    private TlsThroughput() {}

    public static void main(String[] args) throws Exception {
        int callers = args.length > 0 ? Integer.parseInt(args[0]) : 32;
        int payloadBytes = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        int measure = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        Path dir = Files.createTempDirectory("weft-tls-bench");
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        selfSigned(cert, key);
        Map<String, String> plaintext = Map.of();
        Map<String, String> tlsServer = Map.of("weft.server.tls", "required",
                "weft.tls.cert-file", cert.toString(), "weft.tls.key-file", key.toString());
        Map<String, String> tlsClient = Map.of("weft.client.tls", "true", "weft.tls.trust-file", cert.toString());
        Map<String, String> mtlsServer = new HashMap<>(tlsServer);
        mtlsServer.put("weft.tls.trust-file", cert.toString());
        mtlsServer.put("weft.server.tls.client-auth", "require");
        Map<String, String> mtlsClient = new HashMap<>(tlsClient);
        mtlsClient.put("weft.tls.cert-file", cert.toString());
        mtlsClient.put("weft.tls.key-file", key.toString());

        String payload = "x".repeat(payloadBytes);
        System.out.printf("C=%d payload=%dB warmup=%ds measure=%ds%n", callers, payloadBytes, warmup, measure);
        double plain = run("plaintext", plaintext, plaintext, callers, payload, warmup, measure);
        double tls = run("tls", tlsServer, tlsClient, callers, payload, warmup, measure);
        double mtls = run("mtls", mtlsServer, mtlsClient, callers, payload, warmup, measure);
        System.out.printf("tls/plaintext = %.2f, mtls/plaintext = %.2f%n", tls / plain, mtls / plain);
    }

    private static double run(String name, Map<String, String> server, Map<String, String> client, int callers,
                              String payload, int warmup, int measure) throws InterruptedException {
        Map<String, String> serverConfig = new HashMap<>(server);
        serverConfig.put(WeftConfig.SERVER_PORT, "0");
        serverConfig.put(WeftConfig.SERVER_HOST, "127.0.0.1");
        try (Weft provider = Weft.create(WeftConfig.of(serverConfig));
             Weft consumer = Weft.create(WeftConfig.of(client))) {
            provider.export(Echo.class, text -> text);
            Echo echo = consumer.reference(Echo.class, ReferenceOptions.builder()
                    .directAddress("127.0.0.1:" + provider.serverAddress().orElseThrow().getPort()).build());
            LongAdder calls = new LongAdder();
            LongAdder failures = new LongAdder();
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                Thread t = new Thread(() -> {
                    while (!stop.get()) {
                        try {
                            echo.echo(payload);
                            calls.increment();
                        } catch (RuntimeException e) {
                            failures.increment();
                        }
                    }
                }, name + "-caller-" + i);
                t.setDaemon(true);
                t.start();
                threads.add(t);
            }
            Thread.sleep(Duration.ofSeconds(warmup).toMillis());
            calls.reset();
            failures.reset();
            long start = System.nanoTime();
            Thread.sleep(Duration.ofSeconds(measure).toMillis());
            double perSecond = calls.sum() / ((System.nanoTime() - start) / 1e9);
            stop.set(true);
            for (Thread t : threads) {
                t.join(5000);
            }
            System.out.printf("%-9s %,12.0f calls/s  (%d failed)%n", name, perSecond, failures.sum());
            return perSecond;
        }
    }

    /** A self-signed EC certificate for 127.0.0.1, valid a day; serves as its own trust anchor. */
    private static void selfSigned(Path certFile, Path keyFile) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = generator.generateKeyPair();
        X500Name name = new X500Name("CN=weft-bench");
        Instant now = Instant.now();
        var builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minusSeconds(3600)), Date.from(now.plus(Duration.ofDays(1))), name, keys.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                new GeneralName(GeneralName.uniformResourceIdentifier, "spiffe://weft/app/bench")}));
        byte[] der = builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())).getEncoded();
        Base64.Encoder base64 = Base64.getMimeEncoder(64, new byte[] {'\n'});
        Files.writeString(certFile, "-----BEGIN CERTIFICATE-----\n" + base64.encodeToString(der)
                + "\n-----END CERTIFICATE-----\n");
        Files.writeString(keyFile, "-----BEGIN PRIVATE KEY-----\n" + base64.encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
    }
}

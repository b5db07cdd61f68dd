package io.weft.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** TLS for the console and the client address behind (trusted or not) proxies, on real sockets. */
class ConsoleServingIT {
    @RegisterExtension
    static final Mesh mesh = Mesh.perClass();

    @Test
    void consoleServesHttpsWithThePemCertificateAndKey(@TempDir Path dir) throws Exception {
        X509Certificate cert = selfSigned(dir);
        ConsoleOptions options = Mesh.options().withTls(dir.resolve("cert.pem"), dir.resolve("key.pem"));
        try (GovernanceConsole console = GovernanceConsole.start(mesh.registry, options)) {
            assertThat(console.url()).startsWith("https://127.0.0.1:");
            ConsoleClient client = new ConsoleClient(console, trusting(cert)); // a real handshake, verified
            ConsoleClient.Answer login = client.login(Mesh.PASSWORD);
            assertThat(login.status()).isEqualTo(200);
            assertThat(login.raw().headers().allValues("Set-Cookie")).allMatch(c -> c.contains("; Secure"));
            assertThat(client.get("/api/services").status()).isEqualTo(200);
            assertThat(login.raw().sslSession()).isPresent();
        }
    }

    @Test
    void spoofedForwardedForFromAnUntrustedPeerDoesNotDodgeLoginThrottling() {
        for (int i = 0; i < ConsoleAuth.MAX_FAILURES; i++) { // a new forged address for every guess
            assertThat(new ConsoleClient(mesh.console).forwardedFor("198.51.100." + i).login("guess " + i).status())
                    .isEqualTo(401);
        }
        // all five counted for the real peer, 127.0.0.1, whatever the header says
        assertThat(new ConsoleClient(mesh.console).forwardedFor("198.51.100.99").login(Mesh.PASSWORD).status())
                .isEqualTo(429);
    }

    @Test
    void trustedProxysForwardedForNamesTheClient() {
        ConsoleOptions options = Mesh.options().withTrustedProxies(List.of("127.0.0.1"));
        try (GovernanceConsole console = GovernanceConsole.start(mesh.registry, options)) {
            for (int i = 0; i < ConsoleAuth.MAX_FAILURES; i++) {
                assertThat(new ConsoleClient(console).forwardedFor("198.51.100.7").login("guess " + i).status())
                        .isEqualTo(401);
            }
            assertThat(new ConsoleClient(console).forwardedFor("198.51.100.7").login(Mesh.PASSWORD).status())
                    .isEqualTo(429);
            assertThat(new ConsoleClient(console).forwardedFor("198.51.100.8").login(Mesh.PASSWORD).status())
                    .isEqualTo(200);
        }
    }

    /** A self-signed EC certificate for 127.0.0.1, written as cert.pem and key.pem (PKCS#8) into {@code dir}. */
    private static X509Certificate selfSigned(Path dir) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = generator.generateKeyPair();
        X500Name name = new X500Name("CN=weft console test");
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))), name, keys.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")}));
        X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
        Files.writeString(dir.resolve("cert.pem"), pem("CERTIFICATE", cert.getEncoded()));
        Files.writeString(dir.resolve("key.pem"), pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
        return cert;
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static SSLContext trusting(X509Certificate cert) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("console", cert);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }
}

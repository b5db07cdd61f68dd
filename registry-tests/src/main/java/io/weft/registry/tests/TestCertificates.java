package io.weft.registry.tests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away certificate authority for tests: EC P-256 keys made at test time, written as PEM
 * files (certificate chain, PKCS#8 key, CA bundle) into a temporary directory. Never checked in.
 * Issued certificates name 127.0.0.1 and localhost, so they serve for etcd's client URL too.
 * (The same as framework-impl's test {@code TestPki}, which registry modules cannot see.)
 */
public final class TestCertificates {
    private static final AtomicLong SERIALS = new AtomicLong(System.currentTimeMillis());

    private final Path dir;
    private final String name;
    private final KeyPair caKeys;
    private final X509Certificate caCert;
    private final Path caFile;

    /** Certificate and key files of one issued identity. */
    public record Issued(Path cert, Path key) {}

    private TestCertificates(Path dir, String name) {
        this.dir = dir;
        this.name = name;
        this.caKeys = newKeys();
        Instant now = Instant.now();
        X500Name subject = new X500Name("CN=" + name + " test CA");
        this.caCert = sign(new JcaX509v3CertificateBuilder(subject, serial(), Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(Duration.ofDays(2))), subject, caKeys.getPublic()), caKeys, true, List.of());
        this.caFile = dir.resolve(name + "-ca.pem");
        write(caFile, pem("CERTIFICATE", encoded(caCert)));
    }

    /** A new CA named {@code name}, writing its files into {@code dir}. */
    public static TestCertificates create(Path dir, String name) {
        return new TestCertificates(dir, name);
    }

    /** The CA bundle (PEM) that trusts what this CA issues. */
    public Path caFile() {
        return caFile;
    }

    /** A certificate for {@code cn}, valid now, with URI SAN {@code spiffe} if not null, IP SAN 127.0.0.1. */
    public Issued issue(String cn, String spiffe) {
        Instant now = Instant.now();
        return issue(cn, spiffe, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(1)), cn);
    }

    /** A certificate valid from {@code notBefore} to {@code notAfter}, written as {@code fileName}.pem/-key.pem. */
    public Issued issue(String cn, String spiffe, Instant notBefore, Instant notAfter, String fileName) {
        KeyPair keys = newKeys();
        List<GeneralName> sans = new ArrayList<>();
        sans.add(new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
        sans.add(new GeneralName(GeneralName.dNSName, "localhost"));
        if (spiffe != null) {
            sans.add(new GeneralName(GeneralName.uniformResourceIdentifier, spiffe));
        }
        X509Certificate cert = sign(new JcaX509v3CertificateBuilder(caCert, serial(), Date.from(notBefore),
                Date.from(notAfter), new X500Name("CN=" + cn), keys.getPublic()), caKeys, false, sans);
        Issued issued = new Issued(dir.resolve(name + "-" + fileName + ".pem"),
                dir.resolve(name + "-" + fileName + "-key.pem"));
        write(issued.cert(), pem("CERTIFICATE", encoded(cert)));
        write(issued.key(), pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
        return issued;
    }

    /**
     * Copies {@code from}'s files over {@code to}'s and moves their modification time a minute on,
     * so a reloading reader sees the change whatever the file system's time resolution.
     */
    public static void replace(Issued to, Issued from) {
        try {
            for (Path[] pair : new Path[][] {{from.cert(), to.cert()}, {from.key(), to.key()}}) {
                FileTime before = Files.getLastModifiedTime(pair[1]);
                Files.write(pair[1], Files.readAllBytes(pair[0]));
                Files.setLastModifiedTime(pair[1], FileTime.fromMillis(before.toMillis() + 60_000));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuerKeys, boolean ca,
                                        List<GeneralName> sans) {
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(ca
                    ? KeyUsage.keyCertSign | KeyUsage.cRLSign : KeyUsage.digitalSignature | KeyUsage.keyAgreement));
            if (!ca) {
                builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                        new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
                builder.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(sans.toArray(GeneralName[]::new)));
            }
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot make a test certificate", e);
        }
    }

    private static KeyPair newKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static BigInteger serial() {
        return BigInteger.valueOf(SERIALS.incrementAndGet());
    }

    private static byte[] encoded(X509Certificate cert) {
        try {
            return cert.getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

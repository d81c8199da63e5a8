package lv.sargs.gateway.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.util.HexFormat;
import lv.sargs.hsm.KeyInfo;
import lv.sargs.hsm.KeySpec;
import lv.sargs.hsm.Token;
import lv.sargs.hsm.tokens.Tokens;
import lv.sargs.testkit.CertificateAuthority;
import lv.sargs.testkit.GatewayConfigYaml;
import lv.sargs.testkit.HeldCertificate;

/**
 * A complete, valid gateway config in a temporary directory, with a PKI minted for the test:
 * the listener's chain, the client CA, a client certificate and a data directory.
 */
public final class ConfigFixture {

    public final Path dir;
    public final CertificateAuthority ca;
    public final HeldCertificate server;
    public final HeldCertificate client;
    public final Path serverChain;
    public final Path clientCa;
    public final Path dataDirectory;
    public int clientPort;
    public int managementPort;

    public ConfigFixture(Path dir) {
        this.dir = dir;
        try {
            ca = CertificateAuthority.create("Sargs Test CA");
            server = ca.issue("localhost").server("localhost", "127.0.0.1").build();
            client = ca.issue("core-banking").client().build();
            serverChain = dir.resolve("listener-chain.pem");
            Files.writeString(serverChain, server.chainPem(), StandardCharsets.US_ASCII);
            clientCa = dir.resolve("clients-ca.pem");
            ca.writeCertificatePem(clientCa);
            dataDirectory = Files.createDirectories(dir.resolve("data"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The client certificate's SHA-256 fingerprint, colon-separated upper-case hex as openssl prints it. */
    public String clientFingerprint() {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(client.certificate().getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(d);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A valid config using the demo token on loopback. */
    public String yaml() {
        return GatewayConfigYaml.loopback(serverChain, clientCa, dataDirectory).ports(clientPort, managementPort)
                .client("core-banking", clientFingerprint(), "lookup", "kyc")
                .yaml();
    }

    /** Writes {@link #yaml()} (or {@code text}) to {@code sargs.yaml} in the fixture's directory. */
    public Path write(String text) {
        Path file = dir.resolve("sargs.yaml");
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    public Path write() {
        return write(yaml());
    }

    /**
     * A demo token holding the listener's key {@code sargs-listener}, certified by the fixture's CA for
     * localhost and 127.0.0.1; the certificate is written to {@link #serverChain}.
     */
    public Token demoTokenWithListenerKey() throws Exception {
        Token token = Tokens.demo();
        KeyInfo key = token.generateKeyPair("sargs-listener", KeySpec.EC_P256);
        java.security.cert.X509Certificate certificate = ca.issue("localhost").server("localhost", "127.0.0.1")
                .certify(key.publicKey());
        token.importCertificateChain("sargs-listener", java.util.List.of(certificate));
        Files.writeString(serverChain, "-----BEGIN CERTIFICATE-----\n"
                + java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(certificate.getEncoded()) + "\n-----END CERTIFICATE-----\n", StandardCharsets.US_ASCII);
        return token;
    }
}

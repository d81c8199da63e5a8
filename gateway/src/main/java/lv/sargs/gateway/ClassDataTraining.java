package lv.sargs.gateway;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import javax.security.auth.x500.X500Principal;
import lv.sargs.gateway.config.ConfigException;
import lv.sargs.gateway.config.ConfigLoader;
import lv.sargs.gateway.config.GatewayConfig;
import lv.sargs.hsm.KeySpec;
import lv.sargs.hsm.SignatureAlgorithm;
import lv.sargs.hsm.Token;
import lv.sargs.hsm.core.KeySigner;
import lv.sargs.hsm.tokens.Tokens;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;

/**
 * The training start for the application's class data sharing archive, run by the package's
 * postinst under {@code -XX:ArchiveClassesAtExit}: starts a gateway the way the daemon does (config
 * file, listeners, TLS contexts) on loopback ports chosen by the kernel, in a temporary directory,
 * on an in-memory demo token with two throwaway keys (nothing from {@code /etc/sargs} is read, so
 * it runs before the appliance is configured), asks {@code /readyz} and, over mutual TLS,
 * {@code /v1/whoami}, stops, and exits 0; the JVM then archives every class this loaded. Exits 1,
 * saying why, when any step fails (postinst then ships no archive; the daemon starts without it).
 */
public final class ClassDataTraining {

    private static final String CA_KEY = "training-ca";
    private static final String LISTENER_KEY = "training-listener";
    private static final String CLIENT_KEY = "training-client";
    private static final Duration SIGNING = Duration.ofSeconds(30);

    private ClassDataTraining() {
    }

    public static void main(String[] args) {
        Main.keepLoggingUntilStopped();
        Path dir = null;
        try {
            dir = Files.createTempDirectory("sargs-cds-training-");
            train(dir);
        } catch (IOException | ConfigException | TrainingFailure | RuntimeException e) {
            System.err.println("sargs class data training failed: " + e);
            if (e instanceof ConfigException c) {
                c.problems().forEach(p -> System.err.println("  " + p));
            }
            deleteTree(dir);
            System.exit(1);
        }
        deleteTree(dir);
        // A normal exit: that is when -XX:ArchiveClassesAtExit writes the archive.
        System.exit(0);
    }

    static void train(Path dir) throws IOException, ConfigException, TrainingFailure {
        Token token = Tokens.demo();
        X509Certificate ca = certificate(token, CA_KEY, null, null);
        X509Certificate listener = certificate(token, LISTENER_KEY, ca, CA_KEY);
        X509Certificate client = certificate(token, CLIENT_KEY, ca, CA_KEY);
        Path chain = Files.writeString(dir.resolve("listener.pem"), pem(listener) + pem(ca), StandardCharsets.US_ASCII);
        Path clientCa = Files.writeString(dir.resolve("ca.pem"), pem(ca), StandardCharsets.US_ASCII);
        Path data = Files.createDirectory(dir.resolve("data"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path file = Files.writeString(dir.resolve("sargs.yaml"), """
                version: 1
                listeners:
                  client:
                    bind: 127.0.0.1:0
                    allowList: [127.0.0.1/32]
                    tls: {keyLabel: %s, certificateChain: %s, clientCa: %s, protocols: [TLSv1.3, TLSv1.2]}
                    limits: {maxHeaderSize: 16KiB, maxBodySize: 1MiB, idleTimeout: 60s, handshakeTimeout: 30s,
                             maxConnectionsPerSource: 64, maxRequestsInFlight: 256, requestTimeout: 3s}
                  management:
                    bind: 127.0.0.1:0
                    allowList: [127.0.0.1/32]
                clients:
                  - {name: training, certificate: {sha256: "%s"}, sources: [127.0.0.1/32], roles: [lookup],
                     purposes: [kyc]}
                token:
                  demo: true
                dataDirectory: %s
                shutdown:
                  grace: 1s
                """.formatted(LISTENER_KEY, chain, clientCa, fingerprint(client), data), StandardCharsets.UTF_8);
        GatewayConfig config = ConfigLoader.system().load(file);
        Gateway gateway = Gateway.start(config, file.toString(), token);
        try {
            expect("/readyz", plainGet(gateway.managementAddress(), "/readyz"));
            expect("/v1/whoami", tlsGet(gateway.clientAddress(), "/v1/whoami", token, ca, client));
        } finally {
            gateway.stop();
        }
    }

    /** A certificate for a new key {@code label}: a CA's, self-signed, when {@code issuer} is null. */
    private static X509Certificate certificate(Token token, String label, X509Certificate issuer, String issuerKey)
            throws TrainingFailure {
        var key = token.generateKeyPair(label, KeySpec.EC_P256);
        X500Principal subject = new X500Principal("CN=" + label);
        Instant now = Instant.now();
        try {
            var builder = new JcaX509v3CertificateBuilder(issuer == null ? subject : issuer.getSubjectX500Principal(),
                    BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(Duration.ofMinutes(1))),
                    Date.from(now.plus(Duration.ofDays(1))), subject, key.publicKey());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(issuer == null));
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(builder.build(
                    new KeySigner(token, issuer == null ? label : issuerKey, SignatureAlgorithm.SHA256_WITH_ECDSA,
                            SIGNING)));
            token.importCertificateChain(label, issuer == null ? List.of(certificate) : List.of(certificate, issuer));
            return certificate;
        } catch (java.security.GeneralSecurityException | org.bouncycastle.cert.CertIOException e) {
            throw new TrainingFailure("cannot certify the training key '" + label + "': " + e, e);
        }
    }

    private static String plainGet(InetSocketAddress address, String path) throws IOException {
        try (Socket socket = new Socket(address.getAddress(), address.getPort())) {
            return exchange(socket, path);
        }
    }

    private static String tlsGet(InetSocketAddress address, String path, Token token, X509Certificate server,
                                 X509Certificate client) throws TrainingFailure, IOException {
        try {
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            trusted.setCertificateEntry("server", server);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[] {token.keyManager(CLIENT_KEY, List.of(client, server))}, trust.getTrustManagers(),
                    null);
            try (SSLSocket socket = (SSLSocket) context.getSocketFactory()
                    .createSocket(address.getAddress(), address.getPort())) {
                return exchange(socket, path);
            }
        } catch (java.security.GeneralSecurityException e) {
            throw new TrainingFailure("the TLS client for " + path + " cannot be set up: " + e, e);
        }
    }

    private static String exchange(Socket socket, String path) throws IOException {
        socket.setSoTimeout(30_000);
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        in.transferTo(response);
        return response.toString(StandardCharsets.UTF_8);
    }

    private static void expect(String path, String response) throws TrainingFailure {
        if (!response.startsWith("HTTP/1.1 200")) {
            String head = response.lines().findFirst().orElse("(no response)");
            throw new TrainingFailure(path + " answered " + head + " (expected: HTTP/1.1 200)", null);
        }
    }

    private static String pem(X509Certificate certificate) throws IOException {
        java.io.StringWriter out = new java.io.StringWriter();
        try (var writer = new org.bouncycastle.openssl.jcajce.JcaPEMWriter(out)) {
            writer.writeObject(certificate);
        }
        return out.toString();
    }

    private static String fingerprint(X509Certificate certificate) {
        try {
            return HexFormat.ofDelimiter(":").withUpperCase()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 of a certificate just made failed", e);
        }
    }

    private static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            System.err.println("sargs class data training: cannot delete " + dir + ": " + e.getMessage());
        }
    }

    /** A step of the training that failed, with what was expected. */
    private static final class TrainingFailure extends Exception {
        TrainingFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}

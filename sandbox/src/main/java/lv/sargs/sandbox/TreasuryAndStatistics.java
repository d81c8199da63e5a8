package lv.sargs.sandbox;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import lv.sargs.sandbox.ekase.EkaseSimulator;
import lv.sargs.sandbox.ekase.SimUser;
import lv.sargs.sandbox.lb.LbFileExchange;
import lv.sargs.sandbox.lb.LbUser;
import lv.sargs.testkit.CertificateAuthority;
import lv.sargs.testkit.HeldCertificate;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.tinylog.Logger;

/**
 * The standalone sandbox's eKase and Latvijas Banka exchange, both trusting the sandbox CA and
 * registering its default client: the eKase user {@value #USER} (manage mode, password in
 * {@code ekase-password.txt}) and the exchange's user {@value #USER} (login key and signing
 * certificate = the default client's), with Latvijas Banka's certificate and host key written out.
 */
final class TreasuryAndStatistics implements AutoCloseable {

    static final String USER = "sargs-sandbox-client";
    static final String ORG_CODE = "ABC";

    private final EkaseSimulator ekase;
    private final LbFileExchange exchange;
    private final Path out;

    private TreasuryAndStatistics(EkaseSimulator ekase, LbFileExchange exchange, Path out) {
        this.ekase = ekase;
        this.exchange = exchange;
        this.out = out;
    }

    /** The eKase simulator, for its fault controls and call counts. */
    EkaseSimulator ekase() {
        return ekase;
    }

    static TreasuryAndStatistics start(Sandbox sandbox, Path out) throws IOException {
        CertificateAuthority ca = sandbox.certificateAuthority();
        HeldCertificate client = sandbox.defaultClientCertificate();
        char[] password = "sandbox-ekase-password".toCharArray();
        Path passwordFile = out.resolve("ekase-password.txt");
        Files.deleteIfExists(passwordFile);
        Files.createFile(passwordFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(passwordFile, new String(password) + "\n", StandardCharsets.US_ASCII);
        EkaseSimulator ekase;
        try {
            Instant now = Instant.now();
            HeldCertificate expired = ca.issue("ekase.sandbox").server("localhost", "127.0.0.1")
                    .validity(now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1))).build();
            HeldCertificate untrusted = CertificateAuthority.create("Untrusted Sandbox CA").issue("ekase.sandbox")
                    .server("localhost", "127.0.0.1").build();
            ekase = EkaseSimulator.start(EkaseSimulator.Settings.loopback(
                    ca.issue("ekase.sandbox").server("localhost", "127.0.0.1").build(), ca.certificate(),
                    List.of(new SimUser(USER, password, SimUser.Mode.MANAGE))).withFaultCertificates(expired, untrusted));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted starting the sandbox eKase");
        }
        HeldCertificate lb = ca.issue("Latvijas Banka statistics (sandbox)").cms()
                .keyType(CertificateAuthority.KeyType.EC_P384).build();
        Files.writeString(out.resolve("lb-statistics.pem"), lb.certificatePem(), StandardCharsets.US_ASCII);
        LbFileExchange exchange = LbFileExchange.start(Files.createDirectories(out.resolve("lb-exchange")), List.of(lb));
        exchange.register(new LbUser(USER, client.keyPair().getPublic(), client.certificate(), ORG_CODE));
        Files.writeString(out.resolve("lb-host-key.pub"), PublicKeyEntry.toString(exchange.hostKey()) + "\n",
                StandardCharsets.US_ASCII);
        return new TreasuryAndStatistics(ekase, exchange, out);
    }

    void print(PrintStream o) {
        o.println("  eKase                 " + ekase.uri() + "   user " + USER
                + " (manage), password in ekase-password.txt, source 127.0.0.1");
        o.println("  Latvijas Banka SFTP   127.0.0.1:" + exchange.port() + "   user " + USER + " (org " + ORG_CODE
                + "), host key in lb-host-key.pub, encrypt to " + out.resolve("lb-statistics.pem").toAbsolutePath());
    }

    @Override
    public void close() {
        ekase.close();
        try {
            exchange.close();
        } catch (IOException e) {
            Logger.warn("closing the Latvijas Banka exchange failed: {}", e.getMessage());
        }
    }
}

package lv.sargs.sandbox.lb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.OptionalInt;
import lv.sargs.gateway.metrics.Metrics;
import lv.sargs.gateway.statistics.FileEncoding;
import lv.sargs.gateway.statistics.report.ReportSubmission;
import lv.sargs.gateway.statistics.StatisticsService;
import lv.sargs.gateway.statistics.StatisticsSettings;
import lv.sargs.gateway.statistics.delivery.SftpSettings;
import lv.sargs.hsm.KeyInfo;
import lv.sargs.hsm.KeySpec;
import lv.sargs.hsm.Token;
import lv.sargs.hsm.tokens.Tokens;
import lv.sargs.testkit.CertificateAuthority;
import lv.sargs.testkit.HeldCertificate;

/**
 * The bank's side for exchange tests: its signing and SFTP login keys on the demo token, Latvijas Banka's two recipient certificates, and the gateway's statistics service pointed at
 * a running {@link LbFileExchange}.
 */
final class Bank implements AutoCloseable {

    static final String USER = "bank-abc";
    static final String ORG = "ABC";
    static final String KEY = "lb-signing";
    static final String LOGIN_KEY = "lb-sftp-login";
    static final LocalDate PERIOD_END = LocalDate.of(2026, 10, 31);

    // Minted once per JVM: RSA key generation is slow, and no test changes them.
    private static final CertificateAuthority CA = CertificateAuthority.create("Test CA");
    private static final HeldCertificate LB_RSA = CA.issue("Latvijas Banka RSA").cms()
            .keyType(CertificateAuthority.KeyType.RSA_2048).build();
    private static final HeldCertificate LB_EC = CA.issue("Latvijas Banka EC").cms()
            .keyType(CertificateAuthority.KeyType.EC_P384).build();

    final CertificateAuthority ca = CA;
    final HeldCertificate lbRsa = LB_RSA;
    final HeldCertificate lbEc = LB_EC;
    final Token token = Tokens.demo();
    final X509Certificate signingCertificate;
    final PublicKey loginKey;
    final Path dir;
    final Metrics metrics = new Metrics();

    Bank(Path dir, KeySpec loginKeySpec) {
        this.dir = dir;
        KeyInfo key = token.generateKeyPair(KEY, KeySpec.EC_P384);
        signingCertificate = ca.issue("Bank ABC statistics").cms().certify(key.publicKey());
        token.importCertificateChain(KEY, List.of(signingCertificate));
        loginKey = token.generateKeyPair(LOGIN_KEY, loginKeySpec).publicKey();
    }

    LbFileExchange startExchange() throws IOException {
        LbFileExchange exchange = LbFileExchange.start(Files.createDirectories(dir.resolve("lb")), List.of(lbRsa, lbEc));
        exchange.register(new LbUser(USER, loginKey, signingCertificate, ORG));
        return exchange;
    }

    StatisticsService gateway(LbFileExchange exchange, long maxFileBytes) {
        return gateway(exchange.port(), exchange.hostKey(), maxFileBytes, ORG);
    }

    StatisticsService gateway(int port, PublicKey hostKey, long maxFileBytes, String orgCode) {
        SftpSettings sftp = new SftpSettings("127.0.0.1", port, USER, hostKey, LOGIN_KEY,
                "STAT/OUT", "STAT/IN", Duration.ofSeconds(5));
        StatisticsSettings settings = new StatisticsSettings(dir.resolve("gateway"), orgCode, FileEncoding.WINDOWS_1257,
                maxFileBytes, StatisticsSettings.DEFAULT_MAX_LINE_CHARS, KEY,
                List.of(lbRsa.certificate(), lbEc.certificate()), Duration.ofSeconds(10), sftp, Duration.ofHours(1),
                Duration.ofHours(1));
        return StatisticsService.start(settings, token, metrics, Clock.systemUTC());
    }

    static ReportSubmission submission() {
        return new ReportSubmission("K01", PERIOD_END, OptionalInt.empty(), ReportSubmission.Form.LINES);
    }

    /** A valid report for {@code orgCode} with {@code dataLines} data lines, in the format's own lines. */
    static String report(String orgCode, int dataLines) {
        StringBuilder b = new StringBuilder("ORG_KODS=" + orgCode + "\nDATUMS=20261031\nIESN_DAT=20261120\n"
                + "PERSONA=Jānis Bērziņš\nTALRUNIS=+371 67022300\nEPASTS=statistika@banka.lv\n");
        for (int i = 0; i < dataLines; i++) {
            b.append("R").append(i).append("_C1=").append(i * 13).append('.').append(i % 10).append('\n');
        }
        return b.toString();
    }

    @Override
    public void close() {
        token.close();
    }
}

package lv.sargs.gateway.statistics;

import lv.sargs.gateway.statistics.report.ReportSubmission;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.OptionalInt;
import lv.sargs.gateway.statistics.delivery.SftpSettings;
import lv.sargs.gateway.statistics.protect.CmsFileProtector;
import lv.sargs.hsm.KeyInfo;
import lv.sargs.hsm.KeySpec;
import lv.sargs.hsm.Token;
import lv.sargs.hsm.tokens.Tokens;
import lv.sargs.testkit.CertificateAuthority;
import lv.sargs.testkit.HeldCertificate;

/**
 * A bank with its signing key on the demo token, a CA, and Latvijas Banka's two recipient
 * certificates (RSA-2048 and EC P-384), minted per test.
 */
final class StatisticsFixture implements AutoCloseable {

    static final String ORG = "ABC";
    static final String KEY = "lb-signing";
    static final LocalDate PERIOD_END = LocalDate.of(2026, 10, 31);
    static final LocalDate TODAY = LocalDate.of(2026, 11, 21);

    // Minted once per JVM: RSA key generation is slow, and no test changes them.
    private static final CertificateAuthority CA = CertificateAuthority.create("Test CA");
    private static final HeldCertificate LB_RSA = CA.issue("Latvijas Banka RSA").cms()
            .keyType(CertificateAuthority.KeyType.RSA_2048).build();
    private static final HeldCertificate LB_EC = CA.issue("Latvijas Banka EC").cms()
            .keyType(CertificateAuthority.KeyType.EC_P384).build();

    final CertificateAuthority ca = CA;
    final Token token = Tokens.demo();
    final HeldCertificate lbRsa = LB_RSA;
    final HeldCertificate lbEc = LB_EC;
    final X509Certificate bankCertificate;

    StatisticsFixture(KeySpec bankKey) {
        KeyInfo key = token.generateKeyPair(KEY, bankKey);
        bankCertificate = ca.issue("Bank ABC statistics").cms().certify(key.publicKey());
        token.importCertificateChain(KEY, List.of(bankCertificate));
    }

    CmsFileProtector protector() {
        return new CmsFileProtector(token, KEY, List.of(lbRsa.certificate(), lbEc.certificate()), Duration.ofSeconds(10));
    }

    StatisticsSettings settings(Path dataDir, long maxFileBytes) {
        SftpSettings sftp = new SftpSettings("127.0.0.1", 22, "bank", CertificateAuthority.generate(
                CertificateAuthority.KeyType.EC_P256).getPublic(), "sftp-login", "STAT/OUT", "STAT/IN",
                Duration.ofSeconds(5));
        return new StatisticsSettings(dataDir, ORG, FileEncoding.WINDOWS_1257, maxFileBytes, 4096, KEY,
                List.of(lbRsa.certificate(), lbEc.certificate()), Duration.ofSeconds(10), sftp, Duration.ofMinutes(1),
                Duration.ofMinutes(5));
    }

    static ReportSubmission lines() {
        return new ReportSubmission("K01", PERIOD_END, OptionalInt.empty(), ReportSubmission.Form.LINES);
    }

    /** The rule-4 indicators of a valid first submission, one per line. */
    static String identifying() {
        return "ORG_KODS=" + ORG + "\nDATUMS=20261031\nIESN_DAT=20261120\nPERSONA=Jānis Bērziņš\n"
                + "TALRUNIS=+371 67022300\nEPASTS=statistika@banka.lv\n";
    }

    @Override
    public void close() {
        token.close();
    }
}

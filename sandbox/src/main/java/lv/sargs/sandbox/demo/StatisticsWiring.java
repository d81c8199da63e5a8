package lv.sargs.sandbox.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import lv.sargs.hsm.KeyInfo;
import lv.sargs.hsm.KeySpec;
import lv.sargs.hsm.Token;
import lv.sargs.sandbox.lb.LbFileExchange;
import lv.sargs.sandbox.lb.LbUser;
import lv.sargs.testkit.CertificateAuthority;
import lv.sargs.testkit.HeldCertificate;
import org.apache.sshd.common.config.keys.PublicKeyEntry;

/**
 * Connects a gateway's statistics to a sandbox Latvijas Banka file exchange the way an admin
 * connects them to the real one: the signing and SFTP login keys made on the token, the bank
 * registered with the exchange, Latvijas Banka's certificate and host key in the config. Used by
 * the demo; writes a sample report the demo's curl line sends.
 */
public final class StatisticsWiring {

    /** The label of the statistics signing key on the token. */
    public static final String SIGNING_KEY = "sargs-lb-signing";
    /** The label of the SFTP login key on the token. */
    public static final String SFTP_KEY = "sargs-lb-sftp";
    /** The bank's user at the exchange and its MFI code. */
    public static final String USER = "bank-demo";
    public static final String ORG_CODE = "ABC";

    /** The running exchange (close it on stop), the {@code statistics:} YAML and the sample report. */
    public record Prepared(LbFileExchange exchange, String yaml, Path sampleReport) {
    }

    private StatisticsWiring() {
    }

    /** Starts the exchange under {@code dir}, makes the keys on {@code token}, returns the section. */
    public static Prepared start(Path dir, Token token, CertificateAuthority ca) throws IOException {
        Files.createDirectories(dir);
        KeyInfo signing = token.generateKeyPair(SIGNING_KEY, KeySpec.EC_P384);
        X509Certificate signingCertificate = ca.issue("Demo bank statistics").cms().certify(signing.publicKey());
        token.importCertificateChain(SIGNING_KEY, List.of(signingCertificate));
        PublicKey loginKey = token.generateKeyPair(SFTP_KEY, KeySpec.EC_P256).publicKey();
        HeldCertificate lb = ca.issue("Latvijas Banka statistics (demo)").cms()
                .keyType(CertificateAuthority.KeyType.EC_P384).build();
        Path lbPem = dir.resolve("lb-statistics.pem");
        Files.writeString(lbPem, lb.certificatePem(), StandardCharsets.US_ASCII);

        LbFileExchange exchange = LbFileExchange.start(Files.createDirectories(dir.resolve("exchange")), List.of(lb));
        exchange.register(new LbUser(USER, loginKey, signingCertificate, ORG_CODE));
        String yaml = """
                statistics:
                  orgCode: %s
                  encoding: WINDOWS_1257
                  maxFileBytes: 95000000B
                  maxLineChars: 4096
                  maxReportSize: 400MiB
                  signingKeyLabel: %s
                  recipients: [%s]
                  signWait: 30s
                  deliveryInterval: 5s
                  pollInterval: 5s
                  sftp:
                    host: 127.0.0.1
                    port: %d
                    user: %s
                    hostKey: "%s"
                    userKeyLabel: %s
                    outDir: STAT/OUT
                    inDir: STAT/IN
                    timeout: 30s
                """.formatted(ORG_CODE, SIGNING_KEY, lbPem, exchange.port(), USER,
                PublicKeyEntry.toString(exchange.hostKey()), SFTP_KEY);
        return new Prepared(exchange, yaml, sampleReport(dir.resolve("k01-sample.txt")));
    }

    private static Path sampleReport(Path file) throws IOException {
        String today = LocalDate.now(ZoneId.of("Europe/Riga")).format(DateTimeFormatter.BASIC_ISO_DATE);
        Files.writeString(file, """
                ORG_KODS=%s
                DATUMS=20261031
                IESN_DAT=%s
                PERSONA=Jānis Bērziņš
                TALRUNIS=+37167000000
                EPASTS=statistika@banka.lv
                K01_AKTIVI=1234567.89
                K01_SAISTIBAS=-20.50
                """.formatted(ORG_CODE, today), StandardCharsets.UTF_8);
        return file;
    }
}

package lv.sargs.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import lv.sargs.testkit.CertificateAuthority;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatisticsReaderTest {

    @TempDir
    Path dir;

    private final ConfigLoader loader = ConfigLoader.with(Clock.systemUTC(), Map.of());
    private final KeyPair hostKey = CertificateAuthority.generate(CertificateAuthority.KeyType.EC_P256);

    private String section(Path recipient) {
        return """
                statistics:
                  orgCode: ABC
                  encoding: UTF8_BOM
                  maxFileBytes: 95000000B
                  maxLineChars: 4096
                  maxReportSize: 400MiB
                  signingKeyLabel: lb-signing
                  recipients: [%s]
                  signWait: 30s
                  deliveryInterval: 1m
                  pollInterval: 5m
                  sftp:
                    host: 127.0.0.1
                    port: 2222
                    user: bank-abc
                    hostKey: "%s"
                    userKeyLabel: lb-sftp
                    outDir: STAT/OUT
                    inDir: STAT/IN
                    timeout: 30s
                """.formatted(recipient, PublicKeyEntry.toString(hostKey.getPublic()));
    }

    private Path recipient(CertificateAuthority.KeyType type) throws Exception {
        Path file = dir.resolve("lb-" + type + ".pem");
        Files.writeString(file, CertificateAuthority.create("LB").issue("Latvijas Banka").cms().keyType(type).build()
                .certificatePem());
        return file;
    }

    @Test
    void withoutTheSectionStatisticsIsOff() throws Exception {
        GatewayConfig c = loader.parse(new ConfigFixture(dir).yaml(), "sargs.yaml");
        assertTrue(c.statistics().isEmpty());
    }

    @Test
    void readsACompleteSection() throws Exception {
        Path lb = recipient(CertificateAuthority.KeyType.EC_P384);
        GatewayConfig c = loader.parse(new ConfigFixture(dir).yaml() + section(lb), "sargs.yaml");

        StatisticsConfig s = c.statistics().orElseThrow();
        assertEquals("ABC", s.orgCode());
        assertEquals("UTF8_BOM", s.encoding());
        assertEquals(95_000_000L, s.maxFileBytes());
        assertEquals(400L * 1024 * 1024, s.maxReportBytes());
        assertEquals(List.of(lb), s.recipients());
        assertEquals(Duration.ofMinutes(1), s.deliveryInterval());
        assertEquals(2222, s.sftp().port());
        assertTrue(KeyUtils.compareKeys(hostKey.getPublic(), s.sftp().hostKey()));
        assertEquals("STAT/IN", s.sftp().inDir());
    }

    @Test
    void acceptsTheHostKeyAsAKnownHostsLine() throws Exception {
        Path lb = recipient(CertificateAuthority.KeyType.RSA_2048);
        String line = PublicKeyEntry.toString(hostKey.getPublic());
        String yaml = new ConfigFixture(dir).yaml() + section(lb).replace(line, "[127.0.0.1]:2222 " + line);
        StatisticsConfig s = loader.parse(yaml, "sargs.yaml").statistics().orElseThrow();
        assertTrue(KeyUtils.compareKeys(hostKey.getPublic(), s.sftp().hostKey()));
    }

    @Test
    void listsEveryProblemOfTheSection() throws Exception {
        Path p256 = recipient(CertificateAuthority.KeyType.EC_P256);
        String yaml = new ConfigFixture(dir).yaml() + section(p256)
                .replace("orgCode: ABC", "orgCode: 40003032948")
                .replace("encoding: UTF8_BOM", "encoding: UTF-8")
                .replace("maxFileBytes: 95000000B", "maxFileBytes: 100MiB")
                .replace("  signingKeyLabel: lb-signing\n", "")
                .replace("pollInterval: 5m", "pollInterval: 5 minutes\n  retries: 3")
                .replace("port: 2222", "port: 70000")
                .replace(PublicKeyEntry.toString(hostKey.getPublic()), "ssh-rsa not-a-key")
                .replace("outDir: STAT/OUT", "outDir: ../etc");
        ConfigException e = assertThrows(ConfigException.class, () -> loader.parse(yaml, "sargs.yaml"));

        List<String> problems = e.problems().stream().map(ConfigProblem::toString).toList();
        assertEquals(List.of(
                "statistics.orgCode: 40003032948 (expected: the 3-character MFI code or an 11-digit registration"
                        + " number with a valid check digit)",
                "statistics.encoding: UTF-8 (expected: WINDOWS_1257 or UTF8_BOM)",
                "statistics.maxFileBytes: 100MiB (expected: a size 64KiB to 95000000B, written like 512B, 16KiB or 10MiB)",
                "statistics.signingKeyLabel: (missing) (expected: the label of the bank's signing key on the token)",
                "statistics.recipients[0]: " + p256 + " (expected: an RSA (2048 bits or more) or EC P-384 certificate;"
                        + " CN=Latvijas Banka has another key)",
                "statistics.pollInterval: 5 minutes (expected: a duration 1s to 24h, written like 500ms, 10s, 2m or 1h)",
                "statistics.sftp.port: 70000 (expected: a whole number 1-65535)",
                "statistics.sftp.hostKey: ssh-rsa not-a-key (expected: the server's public host key as OpenSSH prints"
                        + " it, e.g. 'ecdsa-sha2-nistp256 AAAA…' (ssh-keyscan -t ecdsa HOST))",
                "statistics.sftp.outDir: ../etc (expected: a directory relative to the SFTP home, such as STAT/OUT)",
                "statistics.retries: (unknown key) (expected: one of orgCode, encoding, maxFileBytes, maxLineChars,"
                        + " maxReportSize, signingKeyLabel, recipients, signWait, deliveryInterval, pollInterval, sftp)"), problems);
    }

    @Test
    void refusesARecipientFileWithMoreThanOneCertificate() throws Exception {
        Path lb = recipient(CertificateAuthority.KeyType.EC_P384);
        Files.writeString(lb, Files.readString(lb) + Files.readString(lb));
        ConfigException e = assertThrows(ConfigException.class,
                () -> loader.parse(new ConfigFixture(dir).yaml() + section(lb), "sargs.yaml"));
        assertEquals("statistics.recipients[0]", e.problems().get(0).path());
        assertTrue(e.problems().get(0).expected().startsWith("exactly one certificate per file"),
                e.problems().get(0).toString());
    }
}

package lv.sargs.provisioning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PublicKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lv.sargs.testkit.CertificateAuthority;
import lv.sargs.testkit.SoftHsm2;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sargs-admin init} on a fresh SoftHSM2 token: keys, CSRs, a config that checks clean, and a no-op second run. */
class InitCommandTest {


    @TempDir
    Path dir;


    private Path answers() throws IOException {
        AdminTokens.AdminToken token = AdminTokens.fresh();
        Files.createDirectories(dir.resolve("data"));
        Path file = dir.resolve("answers.yaml");
        Files.writeString(file, """
                config: %1$s/etc/sargs.yaml
                token-library: %2$s
                token-label: %3$s
                pin-file: %4$s
                data-directory: %1$s/data
                pki-directory: %1$s/etc/pki
                hostname: sargs.bank.test
                subject: "O=Example Bank,C=LV"
                client-bind: 127.0.0.1:0
                allow: [10.20.0.0/16]
                upstream: [viss, ekase]
                viss-client-id: consumer-key-1
                viss-secret-file: %1$s/secrets/viss-secret
                ekase-user: SARGS-GATEWAY
                ekase-password-file: %1$s/secrets/ekase-password
                """.formatted(dir, SoftHsm2.library(), token.label(), token.pinFile()));
        return file;
    }

    @Test
    void bringsAnEmptyTokenToACheckCleanConfigAndASecondRunChangesNothing() throws Exception {
        Path answers = answers();

        AdminRun first = AdminRun.of("init", "--answers", answers.toString());

        assertEquals(0, first.exit(), first.out() + first.err());
        for (String label : List.of("sargs-listener", "sargs-storage", "viss-client", "sargs-ekase", "sargs-treasury-storage")) {
            assertTrue(first.out().lines().anyMatch(l -> l.startsWith("key '" + label + "'") && l.contains("): generated")),
                    first.out());
        }
        Path pki = dir.resolve("etc/pki");
        List<String> csrs = List.of("sargs-listener", "viss-client", "sargs-ekase");
        for (String label : csrs) {
            assertTrue(Files.isRegularFile(pki.resolve(label + ".csr")), label);
        }
        assertFalse(Files.exists(pki.resolve("sargs-storage.csr")), "a storage key needs no certificate");
        assertTrue(first.out().contains("next steps:"), first.out());
        assertTrue(first.out().contains("import --label viss-client"), first.out());
        assertTrue(first.out().contains("viss-ca.pem"), first.out());
        assertTrue(first.out().contains("write " + dir.resolve("secrets/viss-secret")), first.out());

        Map<Path, byte[]> files = snapshot();
        Map<Path, FileTime> times = times(files);
        String keysBefore = AdminRun.of("keys", "--config", dir.resolve("etc/sargs.yaml").toString(), "list").out();

        AdminRun second = AdminRun.of("init", "--answers", answers.toString());

        assertEquals(0, second.exit(), second.out() + second.err());
        assertFalse(second.out().contains("generated"), second.out());
        assertFalse(second.out().contains("written"), second.out());
        assertTrue(second.out().contains("config " + dir.resolve("etc/sargs.yaml") + ": unchanged"), second.out());
        Map<Path, byte[]> after = snapshot();
        assertEquals(files.keySet(), after.keySet());
        files.forEach((p, bytes) -> assertArrayEquals(bytes, after.get(p), p.toString()));
        assertEquals(times, times(after));
        assertEquals(keysBefore, AdminRun.of("keys", "--config", dir.resolve("etc/sargs.yaml").toString(), "list").out());

        // The admin's part: the CAs certify the CSRs, the CA files are placed, the chains imported.
        CertificateAuthority ca = CertificateAuthority.create("Bank Test CA");
        for (String label : csrs) {
            Path chain = pki.resolve(label + "-chain.pem");
            Files.writeString(chain, AdminRun.pem(ca.issue("sargs.bank.test").server("sargs.bank.test").client()
                    .certify(publicKeyOf(pki.resolve(label + ".csr")))) + ca.certificatePem());
            AdminRun imported = AdminRun.of("keys", "--config", dir.resolve("etc/sargs.yaml").toString(), "import",
                    "--label", label, "--chain", chain.toString());
            assertEquals(0, imported.exit(), imported.err());
        }
        for (String caFile : List.of("clients-ca.pem", "viss-ca.pem", "ekase-ca.pem")) {
            ca.writeCertificatePem(pki.resolve(caFile));
        }
        Files.createDirectories(dir.resolve("secrets"));
        secret(dir.resolve("secrets/viss-secret"));
        secret(dir.resolve("secrets/ekase-password"));
        AdminRun checked = AdminRun.of("check", "--config", dir.resolve("etc/sargs.yaml").toString());
        assertEquals(0, checked.exit(), checked.err());

        AdminRun third = AdminRun.of("init", "--answers", answers.toString());
        assertEquals(0, third.exit(), third.out() + third.err());
        assertTrue(third.out().contains(": valid"), third.out());
    }

    @Test
    void listsEveryMissingAnswerAtOnceAndTouchesNothing() {
        AdminRun run = AdminRun.of("init", "--config", dir.resolve("sargs.yaml").toString(), "--upstream", "viss");

        assertEquals(SargsAdmin.USAGE, run.exit());
        for (String key : List.of("token-library", "token-label", "pin-file", "hostname", "allow", "viss-client-id")) {
            assertTrue(run.err().contains(key), run.err());
        }
        assertFalse(Files.exists(dir.resolve("sargs.yaml")));
    }

    @Test
    void neverOverwritesAConfigItDidNotWrite() throws Exception {
        Path answers = answers();
        Files.createDirectories(dir.resolve("etc"));
        Files.writeString(dir.resolve("etc/sargs.yaml"), "# the admin's own\n");

        AdminRun run = AdminRun.of("init", "--answers", answers.toString());

        assertEquals(SargsAdmin.CONFIG_INVALID, run.exit());
        assertTrue(run.err().contains("init never overwrites a config"), run.err());
        assertEquals("# the admin's own\n", Files.readString(dir.resolve("etc/sargs.yaml")));
    }

    private static void secret(Path file) throws IOException {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, "not-a-real-secret\n");
    }

    private Map<Path, byte[]> snapshot() throws IOException {
        Map<Path, byte[]> out = new LinkedHashMap<>();
        try (var walk = Files.walk(dir.resolve("etc"))) {
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                out.put(p, Files.readAllBytes(p));
            }
        }
        return out;
    }

    private static Map<Path, FileTime> times(Map<Path, byte[]> files) throws IOException {
        Map<Path, FileTime> out = new LinkedHashMap<>();
        for (Path p : files.keySet()) {
            out.put(p, Files.getLastModifiedTime(p));
        }
        return out;
    }

    private static PublicKey publicKeyOf(Path csrFile) throws Exception {
        try (PEMParser parser = new PEMParser(new StringReader(Files.readString(csrFile)))) {
            return new JcaPKCS10CertificationRequest((PKCS10CertificationRequest) parser.readObject()).getPublicKey();
        }
    }
}

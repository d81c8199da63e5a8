package lv.sargs.provisioning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import lv.sargs.hsm.KeySpec;
import lv.sargs.hsm.PinSource;
import lv.sargs.hsm.Pkcs11Settings;
import lv.sargs.hsm.Token;
import lv.sargs.hsm.tokens.Tokens;
import lv.sargs.testkit.CertificateAuthority;
import lv.sargs.testkit.SoftHsm2;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code backup} and {@code restore} with SoftHSM2 tokens: a byte-identical round trip into a fresh
 * data directory, and refusals (gateway running, altered archive, another token) that write nothing.
 */
class BackupCommandTest {

    @TempDir
    Path dir;

    private Path config;
    private Path data;

    @BeforeEach
    void box() throws Exception {
        config = newBox(dir.resolve("box"), AdminTokens.fresh());
        data = dir.resolve("box/data");
        Files.createDirectories(data.resolve("audit"));
        // Stand-ins for the stores: backup and restore treat every file of the data directory alike.
        Files.write(data.resolve("cache.mv.db"), new byte[] {1, 2, 3, 4, 5});
        Files.writeString(data.resolve("audit/audit.jsonl"), "{\"seq\":1}\n{\"seq\":2}\n");
        Files.createDirectories(dir.resolve("box/clients.d"));
        Files.writeString(dir.resolve("box/clients.d/allow-list.yaml"), "allowList: [10.30.0.0/16]\n");
    }

    @Test
    void restoresEveryFileIntoAFreshDirectoryAfterVerifyingIt() throws Exception {
        Path archive = dir.resolve("backup.zip");
        AdminRun backup = AdminRun.of("backup", "--config", config.toString(), "--out", archive.toString());
        assertEquals(0, backup.exit(), backup.err());
        assertTrue(backup.out().contains("signed with 'sargs-storage'"), backup.out());

        AdminRun restore = AdminRun.of("restore", archive.toString(), "--token-config", config.toString(),
                "--data-directory", dir.resolve("new/data").toString(), "--config-directory", dir.resolve("new/etc").toString());

        assertEquals(0, restore.exit(), restore.err());
        assertArrayEquals(Files.readAllBytes(data.resolve("cache.mv.db")), Files.readAllBytes(dir.resolve("new/data/cache.mv.db")));
        assertEquals(Files.readString(data.resolve("audit/audit.jsonl")), Files.readString(dir.resolve("new/data/audit/audit.jsonl")));
        assertEquals(Files.readString(config).replace("dataDirectory: " + data, "dataDirectory: "
                + dir.resolve("new/data").toAbsolutePath()), Files.readString(dir.resolve("new/etc/sargs.yaml")),
                "the restored config names the data directory it was restored into, nothing else changed");
        assertTrue(Files.exists(dir.resolve("new/etc/clients.d/allow-list.yaml")));
        assertFalse(Files.exists(dir.resolve("new/data/sargs.lock")), "the lock is the running gateway's, not data");
    }

    @Test
    void aHeldLockMeansARunningGatewayWhichMustMakeTheSnapshotAndNoFileIsLeftWhenItDoesNotAnswer() throws Exception {
        try (FileChannel channel = FileChannel.open(data.resolve("sargs.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
            AdminRun backup = AdminRun.of("backup", "--config", config.toString(), "--out", dir.resolve("b.zip").toString());

            assertEquals(1, backup.exit());
            assertTrue(backup.err().contains("/v1/backup/snapshot: no answer") && backup.err().contains(
                    "is the gateway running?"), backup.err());
            assertFalse(Files.exists(dir.resolve("b.zip")));
            try (var left = Files.list(dir)) {
                assertTrue(left.noneMatch(p -> p.getFileName().toString().startsWith(".b.zip")), "no partial archive");
            }
        }
    }

    @Test
    void refusesAnAlteredArchiveAndWritesNothing() throws Exception {
        Path archive = dir.resolve("backup.zip");
        assertEquals(0, AdminRun.of("backup", "--config", config.toString(), "--out", archive.toString()).exit());
        Path altered = dir.resolve("altered.zip");
        rewrite(archive, altered, "data/audit/audit.jsonl", "{\"seq\":1}\n".getBytes());

        AdminRun restore = AdminRun.of("restore", altered.toString(), "--token-config", config.toString(),
                "--data-directory", dir.resolve("new/data").toString(), "--config-directory", dir.resolve("new/etc").toString());

        assertEquals(SargsAdmin.CONFIG_INVALID, restore.exit());
        assertTrue(restore.err().contains("data/audit/audit.jsonl: SHA-256"), restore.err());
        assertTrue(restore.err().contains("nothing was written"), restore.err());
        assertFalse(Files.exists(dir.resolve("new/data/cache.mv.db")));
        assertFalse(Files.exists(dir.resolve("new/etc/sargs.yaml")));
    }

    @Test
    void refusesABackupMadeWithAnotherTokensKeys() throws Exception {
        Path archive = dir.resolve("backup.zip");
        assertEquals(0, AdminRun.of("backup", "--config", config.toString(), "--out", archive.toString()).exit());
        Path other = newBox(dir.resolve("other"), AdminTokens.fresh());

        AdminRun restore = AdminRun.of("restore", archive.toString(), "--token-config", other.toString(),
                "--data-directory", dir.resolve("new/data").toString(), "--config-directory", dir.resolve("new/etc").toString());

        assertEquals(SargsAdmin.CONFIG_INVALID, restore.exit());
        assertTrue(restore.err().contains("does not verify with key 'sargs-storage'"), restore.err());
        assertFalse(Files.exists(dir.resolve("new/data/cache.mv.db")));
    }

    /** A config on its own token: listener key and chain, a storage key, lookups towards a VISS never called. */
    private static Path newBox(Path box, AdminTokens.AdminToken token) throws Exception {
        Files.createDirectories(box.resolve("data"));
        CertificateAuthority ca = CertificateAuthority.create("Backup Test CA");
        try (Token t = Tokens.open(new Pkcs11Settings(SoftHsm2.library(), Optional.of(token.label()), Optional.empty(),
                new PinSource.File(token.pinFile()), 16, Duration.ofSeconds(10), Duration.ofSeconds(1)))) {
            PublicKey listener = t.generateKeyPair("sargs-listener", KeySpec.EC_P256).publicKey();
            t.generateKeyPair("sargs-storage", KeySpec.RSA_2048);
            PublicKey viss = t.generateKeyPair("viss-client", KeySpec.RSA_2048).publicKey();
            Files.writeString(box.resolve("listener-chain.pem"), AdminRun.pem(ca.issue("box").server("box").certify(listener)));
            Files.writeString(box.resolve("viss-chain.pem"), AdminRun.pem(ca.issue("box").client().certify(viss)));
        }
        ca.writeCertificatePem(box.resolve("ca.pem"));
        Path secret = box.resolve("viss-secret");
        Files.createFile(secret, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(secret, "s\n");
        Path config = box.resolve("sargs.yaml");
        Files.writeString(config, TestConfigs.listeners(box, "ca.pem", 0) + AdminTokens.section(token) + """
                dataDirectory: %1$s/data
                shutdown: {grace: 1s}
                """.formatted(box) + TestConfigs.vissLookups(box, "https://127.0.0.1:9", "[]", "viss-chain.pem",
                "backup-test", "https://ha.vraa.gov.lv/STS/VISS.Pfas.STS/oauth2/token"));
        return config;
    }

    /** Copies an archive, replacing one entry's bytes (the manifest and its signature kept). */
    private static void rewrite(Path from, Path to, String entry, byte[] bytes) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(from));
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(to))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                out.putNextEntry(new ZipEntry(e.getName()));
                if (e.getName().equals(entry)) {
                    out.write(bytes);
                } else {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
        }
    }
}

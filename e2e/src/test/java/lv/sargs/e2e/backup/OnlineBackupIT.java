package lv.sargs.e2e.backup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import lv.sargs.e2e.E2eTokens;
import lv.sargs.e2e.GatewayUnderTest;
import lv.sargs.gateway.Gateway;
import lv.sargs.gateway.config.ConfigLoader;
import lv.sargs.gateway.treasury.ekase.EkaseMode;
import lv.sargs.hsm.KeySpec;
import lv.sargs.hsm.PinSource;
import lv.sargs.hsm.Pkcs11Settings;
import lv.sargs.hsm.tokens.Tokens;
import lv.sargs.provisioning.SargsAdmin;
import lv.sargs.sandbox.Sandbox;
import lv.sargs.sandbox.SandboxOptions;
import lv.sargs.sandbox.data.Company;
import lv.sargs.sandbox.demo.DemoPki;
import lv.sargs.sandbox.demo.LookupsWiring;
import lv.sargs.sandbox.demo.TreasuryWiring;
import lv.sargs.sandbox.viss.VissSimulator;
import lv.sargs.testkit.CertificateAuthority;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sargs-admin backup} while a real gateway (keys on SoftHSM2, the sandbox registers and
 * eKase behind it) takes payments from a client thread: the gateway snapshots its stores and audit
 * trail, the admin packs and signs the copy; restored into a fresh data directory, every payment
 * acknowledged before the backup began and every cached answer is there, the trail is a verified
 * prefix of the original up to the snapshot, and an altered copy of the archive is refused.
 */
class OnlineBackupIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AUDIT_KEY = "sargs-audit";

    @TempDir
    Path dir;

    private Sandbox sandbox;
    private TreasuryWiring.SandboxEkase ekase;
    private GatewayUnderTest gateway;
    private Gateway restored;

    @AfterEach
    void stop() {
        if (restored != null) {
            restored.stop();
        }
        if (gateway != null) {
            gateway.close();
        }
        if (ekase != null) {
            ekase.close();
        }
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Test
    void aBackupWhilePaymentsFlowRestoresEveryAcknowledgedPaymentCacheEntryAndAuditRecord() throws Exception {
        sandbox = Sandbox.start(SandboxOptions.defaults());
        ekase = TreasuryWiring.startEkase();
        Pkcs11Settings token = E2eTokens.fresh();
        Path auditCertificate = dir.resolve("audit.pem");
        gateway = GatewayUnderTest.start(dir, () -> Tokens.open(token), t -> {
            PublicKey audit = t.generateKeyPair(AUDIT_KEY, KeySpec.RSA_2048).publicKey();
            Files.writeString(auditCertificate, "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64,
                    "\n".getBytes()).encodeToString(CertificateAuthority.create("Bank CA").issue("sargs audit")
                    .certify(audit).getEncoded()) + "\n-----END CERTIFICATE-----\n");
            return LookupsWiring.prepare(sandbox, t, dir.resolve("registers"), "24h", "72h")
                    + TreasuryWiring.prepare(ekase, t, dir.resolve("treasury"), EkaseMode.MANAGE)
                    + "audit: {keyLabel: " + AUDIT_KEY + ", checkpointEvery: 20, checkpointInterval: 1s,"
                    + " rotateSize: 64MiB, queueCapacity: 10000}\n";
        });
        DemoPki pki = gateway.pki();
        // The admin opens the token the config names; the gateway under test was handed it directly.
        Path config = dir.resolve("sargs.yaml");
        Files.writeString(config, Files.readString(config).replace("token:\n  demo: true\n", tokenSection(token)));

        List<Company> cached = sandbox.world().companies().subList(0, 3);
        for (Company c : cached) {
            assertEquals(200, gateway.get("/v1/companies/" + c.registrationNumber(), "Sargs-Purpose", "kyc")
                    .statusCode());
        }
        long registerCalls = sandbox.viss().calls().count(VissSimulator.LEGAL_ENTITY);

        Payments payments = new Payments();
        Thread client = new Thread(payments, "payments");
        client.start();
        payments.awaitAcknowledged(5);
        List<String> before = payments.startBackup();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Path archive = dir.resolve("online.zip");
        int exit = SargsAdmin.run(new PrintWriter(out, true), new PrintWriter(err, true), "backup", "--config",
                config.toString(), "--out", archive.toString(), "--management-url",
                "http://127.0.0.1:" + gateway.gateway().managementAddress().getPort(), "--operator", "backup-test");
        payments.awaitAcknowledged(before.size() + 2);
        payments.stop();
        client.join(30_000);
        assertEquals(0, exit, out + "\n" + err);
        assertTrue(out.toString().contains("snapshot of the running gateway"), out.toString());
        assertTrue(payments.failures.isEmpty(), "every payment was acknowledged meanwhile: " + payments.failures);
        Matcher upTo = Pattern.compile("audit trail up to record (\\d+)").matcher(out.toString());
        assertTrue(upTo.find(), out.toString());
        long auditRecords = Long.parseLong(upTo.group(1));
        assertFalse(Files.list(dir.resolve("data/.snapshots")).findAny().isPresent(), "the snapshot was deleted");

        gateway.close();
        byte[] original = Files.readAllBytes(dir.resolve("data/audit/audit-000001.jsonl"));
        gateway = null;

        Path altered = dir.resolve("altered.zip");
        rewrite(archive, altered, "data/audit/audit-000001.jsonl");
        Run refused = admin("restore", altered.toString(), "--token-config", config.toString(), "--data-directory",
                dir.resolve("tampered/data").toString(), "--config-directory", dir.resolve("tampered/etc").toString());
        assertEquals(2, refused.exit(), refused.err());
        assertTrue(refused.err().contains("data/audit/audit-000001.jsonl: SHA-256"), refused.err());
        assertFalse(Files.exists(dir.resolve("tampered/etc/sargs.yaml")));

        Path data = dir.resolve("restored/data");
        Path etc = dir.resolve("restored/etc");
        Run restore = admin("restore", archive.toString(), "--token-config", config.toString(), "--data-directory",
                data.toString(), "--config-directory", etc.toString());
        assertEquals(0, restore.exit(), restore.err());

        byte[] trail = Files.readAllBytes(data.resolve("audit/audit-000001.jsonl"));
        assertArrayEquals(Arrays.copyOf(original, trail.length), trail, "the restored trail is the original's prefix");
        String[] lines = new String(trail).split("\n");
        assertEquals(auditRecords, JSON.readTree(lines[lines.length - 1]).get("seq").asLong(),
                "the trail ends at the snapshot's record");
        Run verified = admin("audit", "verify", "--trail", data.resolve("audit").toString(), "--certificate",
                auditCertificate.toString());
        assertEquals(0, verified.exit(), verified.out() + verified.err());
        assertTrue(verified.out().startsWith("intact"), verified.out());

        Path restoredConfig = etc.resolve("sargs.yaml");
        assertEquals(data.toAbsolutePath(), ConfigLoader.system().load(restoredConfig).dataDirectory().toAbsolutePath(),
                "the restored config names the new data directory");
        restored = Gateway.start(ConfigLoader.system().load(restoredConfig), restoredConfig.toString(),
                Tokens.open(token));
        HttpClient http = GatewayUnderTest.client(pki, pki.client());
        for (String location : before) {
            HttpResponse<String> payment = get(http, location);
            assertEquals(200, payment.statusCode(), location + " acknowledged before the backup: " + payment.body());
        }
        for (Company c : cached) {
            HttpResponse<String> company = get(http, "/v1/companies/" + c.registrationNumber());
            assertEquals(200, company.statusCode(), company.body());
            assertEquals("Sargs; hit", company.headers().firstValue("Cache-Status").orElseThrow());
        }
        assertEquals(registerCalls, sandbox.viss().calls().count(VissSimulator.LEGAL_ENTITY),
                "the restored cache answers without a register call");
    }

    /** Submits payments one after another, sorting each acknowledged one by whether the backup had begun. */
    private final class Payments implements Runnable {
        private final List<String> before = new ArrayList<>();
        private final List<String> after = new ArrayList<>();
        private final List<String> failures = new ArrayList<>();
        private boolean backupStarted;
        private volatile boolean stop;

        @Override
        public void run() {
            int n = 0;
            while (!stop) {
                try {
                    HttpResponse<String> r = gateway.post("/v1/treasury/payments", "application/json",
                            payment("1." + (10 + n % 90), "Rekins backup-" + n++), "Idempotency-Key",
                            UUID.randomUUID().toString());
                    synchronized (this) {
                        if (r.statusCode() != 202) {
                            failures.add(r.statusCode() + " " + r.body());
                        } else {
                            (backupStarted ? after : before).add(r.headers().firstValue("Location").orElseThrow());
                        }
                        notifyAll();
                    }
                } catch (IOException e) {
                    synchronized (this) {
                        failures.add(e.toString());
                    }
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        synchronized void awaitAcknowledged(int count) throws InterruptedException {
            long deadline = System.currentTimeMillis() + 60_000;
            while (before.size() + after.size() < count && System.currentTimeMillis() < deadline) {
                wait(1000);
            }
            assertTrue(before.size() + after.size() >= count, count + " payments acknowledged: " + failures);
        }

        /** The payments acknowledged so far: all of them must be in the backup. */
        synchronized List<String> startBackup() {
            backupStarted = true;
            return List.copyOf(before);
        }

        void stop() {
            stop = true;
        }
    }

    private static String payment(String amount, String remittance) {
        return """
                {"debtor": {"name": "Valsts iestade A", "iban": "LV34TREL2200000000001"},
                 "transfers": [{"amount": "%s", "currency": "EUR",
                   "creditor": {"name": "SIA Piegadatajs", "iban": "LV44HABA0551000000001"}, "creditorBic": "HABALV22",
                   "remittanceInformation": "%s", "ekk": "2231"}]}
                """.formatted(amount, remittance);
    }

    private static String tokenSection(Pkcs11Settings token) {
        return """
                token:
                  pkcs11:
                    library: %s
                    tokenLabel: %s
                    pin: {file: %s}
                    queueCapacity: 64
                    operationDeadline: 5s
                    probeInterval: 1s
                """.formatted(token.library(), token.tokenLabel().orElseThrow(),
                ((PinSource.File) token.pin()).path());
    }

    private HttpResponse<String> get(HttpClient http, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + restored.clientAddress().getPort()
                + path)).header("Sargs-Purpose", "kyc").timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run admin(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = SargsAdmin.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(exit, out.toString(), err.toString());
    }

    /** Copies an archive with one entry's last byte changed (the manifest and its signature kept). */
    private static void rewrite(Path from, Path to, String entry) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(from));
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(to))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                out.putNextEntry(new ZipEntry(e.getName()));
                byte[] bytes = in.readAllBytes();
                if (e.getName().equals(entry)) {
                    bytes[bytes.length - 2] ^= 1;
                }
                out.write(bytes);
                out.closeEntry();
            }
        }
    }
}

package lv.sargs.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import lv.sargs.gateway.audit.AuditEvent;
import lv.sargs.gateway.audit.AuditRecord;
import lv.sargs.gateway.audit.AuditSettings;
import lv.sargs.gateway.audit.AuditTrail;
import lv.sargs.gateway.audit.CheckpointSigner;
import lv.sargs.gateway.audit.Pseudonyms;
import lv.sargs.gateway.cache.StorageKey;
import lv.sargs.gateway.status.State;
import lv.sargs.gateway.status.StatusModel;
import lv.sargs.hsm.KeySpec;
import lv.sargs.hsm.PinSource;
import lv.sargs.hsm.Pkcs11Settings;
import lv.sargs.hsm.Token;
import lv.sargs.hsm.tokens.Tokens;
import lv.sargs.testkit.CertificateAuthority;
import lv.sargs.testkit.SoftHsm2;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sargs-admin audit verify|find} on a trail written with its key on SoftHSM2. */
class AuditCommandIT {

    private static final String PIN = "4321-audit-admin";
    private static final String KEY = "sargs-audit";
    private static final String OLD_CODE = "130800-21699";
    private static final String NEW_CODE = "32579461005";

    @TempDir
    static Path dir;
    private static Path config;
    private static Path certificate;
    private static Path trail;

    @BeforeAll
    static void trail() throws Exception {
        SoftHsm2 softHsm = SoftHsm2.fromEnvironment();
        String label = softHsm.initToken("sargs-audit-admin", PIN);
        Path pin = dir.resolve("token.pin");
        Files.createFile(pin, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(pin, PIN + "\n");
        config = dir.resolve("sargs.yaml");
        Files.writeString(config, """
                version: 1
                token:
                  pkcs11:
                    library: %s
                    tokenLabel: %s
                    pin: {file: %s}
                    queueCapacity: 16
                    operationDeadline: 5s
                    probeInterval: 1s
                """.formatted(SoftHsm2.library(), label, pin));
        trail = dir.resolve("data").resolve("audit");
        try (Token token = Tokens.open(new Pkcs11Settings(SoftHsm2.library(), Optional.of(label), Optional.empty(),
                new PinSource.File(pin), 16, Duration.ofSeconds(5), Duration.ofSeconds(1)))) {
            PublicKey key = token.generateKeyPair(KEY, KeySpec.RSA_2048).publicKey();
            certificate = dir.resolve("audit.pem");
            Files.writeString(certificate, "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64,
                    "\n".getBytes()).encodeToString(CertificateAuthority.create("Bank CA").issue("sargs audit")
                    .certify(key).getEncoded()) + "\n-----END CERTIFICATE-----\n");
            Pseudonyms p = new Pseudonyms(StorageKey.derive(token, KEY, Pseudonyms.PURPOSE).join());
            AuditSettings settings = new AuditSettings(trail, 100, 5, Duration.ofMinutes(1), 1 << 20,
                    Duration.ofSeconds(1));
            try (AuditTrail t = AuditTrail.open(settings, Optional.of(CheckpointSigner.onToken(token, KEY)), p, key,
                    Clock.systemUTC(), new StatusModel(Clock.systemUTC()).register("audit", true, State.FAILED, ""))) {
                lookup(t, "req-1", OLD_CODE);
                lookup(t, "req-2", "13080021699");
                lookup(t, "req-3", "161175-19997");
                t.recordDurably(AuditRecord.of(AuditEvent.SUBJECT_SUCCESSOR).withSubject(t.subject("person", OLD_CODE))
                        .with("successor", t.subject("person", NEW_CODE)));
                lookup(t, "req-4", NEW_CODE);
            }
        }
    }

    private static void lookup(AuditTrail t, String requestId, String code) {
        t.record(AuditRecord.of(AuditEvent.LOOKUP).withRequest(requestId, "core-banking").withPurpose("kyc")
                .withOutcome("200").withSubject(t.subject("person", code)));
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run admin(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = SargsAdmin.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void verifyPassesAnIntactTrailWithOnlyTheCertificate() {
        Run verified = admin("audit", "verify", "--trail", trail.toString(), "--certificate", certificate.toString());

        assertEquals(0, verified.exit(), verified.out() + verified.err());
        assertTrue(verified.out().contains("intact") && verified.out().contains("checkpoint(s) verified with"),
                verified.out());
    }

    @Test
    void verifyNamesTheFileAndRecordOfAnEditedLineWithExitCode5() throws Exception {
        Path copy = Files.createDirectories(dir.resolve("edited").resolve("audit"));
        Path file = trail.resolve("audit-000001.jsonl");
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.set(2, lines.get(2).replace("\"kyc\"", "\"aml\""));
        Files.write(copy.resolve("audit-000001.jsonl"), lines);

        Run verified = admin("audit", "verify", "--trail", copy.toString(), "--certificate", certificate.toString());

        assertEquals(AuditCommand.TRAIL_BROKEN, verified.exit(), verified.out());
        assertTrue(verified.out().contains("BROKEN") && verified.out().contains("audit-000001.jsonl line 4 (record 4)"),
                verified.out());
    }

    @Test
    void findAnswersWhoAskedAboutASubjectWhateverItsFormAndFollowsItsNewCode() {
        Run found = admin("audit", "find", "--config", config.toString(), "--key-label", KEY,
                "--trail", trail.toString(), "--subject", "13080021699");

        assertEquals(0, found.exit(), found.out() + found.err());
        for (String request : List.of("req-1", "req-2", "req-4")) {
            assertTrue(found.out().contains("\"requestId\":\"" + request + "\""), request + " in\n" + found.out());
        }
        assertFalse(found.out().contains("req-3"), "another subject's lookup: " + found.out());
        assertTrue(found.out().contains("4 record(s)") && found.out().contains("1 linked code(s)"), found.out());
    }

    @Test
    void noTrailFileHoldsAPersonalCodeInClear() throws Exception {
        try (var files = Files.walk(dir.resolve("data"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(f);
                for (String code : List.of("130800", "13080021699", "161175", "32579461005")) {
                    assertFalse(text.contains(code), f + " holds " + code);
                }
            }
        }
    }
}

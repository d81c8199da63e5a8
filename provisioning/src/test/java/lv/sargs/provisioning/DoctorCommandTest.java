package lv.sargs.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import lv.sargs.hsm.KeySpec;
import lv.sargs.hsm.PinSource;
import lv.sargs.hsm.Pkcs11Settings;
import lv.sargs.hsm.Token;
import lv.sargs.hsm.tokens.Tokens;
import lv.sargs.sandbox.Sandbox;
import lv.sargs.sandbox.SandboxOptions;
import lv.sargs.sandbox.data.WorldSize;
import lv.sargs.sandbox.fault.FaultPlan;
import lv.sargs.sandbox.fault.ServerCertificateMode;
import lv.sargs.sandbox.server.RegisteredClient;
import lv.sargs.sandbox.viss.VissSimulator;
import lv.sargs.testkit.CertificateAuthority;
import lv.sargs.testkit.SoftHsm2;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sargs-admin doctor} against the VISS simulator with the client key on SoftHSM2: clean when
 * all is well, and for each fault the failing check is named with its fix.
 */
class DoctorCommandTest {

    private static final String CLIENT_ID = "doctor-client";

    @TempDir
    static Path dir;

    private static Sandbox sandbox;
    private static CertificateAuthority ca;
    private static AdminTokens.AdminToken token;
    private static PublicKey vissKey;

    @BeforeAll
    static void start() throws Exception {
        ca = CertificateAuthority.create("Doctor Test CA");
        sandbox = Sandbox.start(SandboxOptions.defaults().withWorldSize(new WorldSize(100, 20, 2))
                .withCertificateAuthority(ca));
        token = AdminTokens.fresh();
        try (Token t = Tokens.open(new Pkcs11Settings(SoftHsm2.library(), Optional.of(token.label()), Optional.empty(),
                new PinSource.File(token.pinFile()), 16, Duration.ofSeconds(10), Duration.ofSeconds(1)))) {
            PublicKey listener = t.generateKeyPair("sargs-listener", KeySpec.EC_P256).publicKey();
            t.generateKeyPair("sargs-storage", KeySpec.RSA_2048);
            vissKey = t.generateKeyPair("viss-client", KeySpec.RSA_2048).publicKey();
            Files.writeString(dir.resolve("listener-chain.pem"), AdminRun.pem(ca.issue("sargs.bank.test")
                    .server("sargs.bank.test").certify(listener)) + ca.certificatePem());
        }
        java.security.cert.X509Certificate vissCert = ca.issue("sargs.bank.test").client().certify(vissKey);
        Files.writeString(dir.resolve("viss-chain.pem"), AdminRun.pem(vissCert) + ca.certificatePem());
        ca.writeCertificatePem(dir.resolve("ca.pem"));
        Path secret = dir.resolve("viss-secret");
        Files.createFile(secret, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(secret, "doctor-secret\n");
        sandbox.viss().register(new RegisteredClient(CLIENT_ID, "doctor-secret".toCharArray(), vissCert));
        Files.createDirectories(dir.resolve("data"));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @AfterEach
    void clearFaults() {
        sandbox.viss().faults().clear();
    }

    @Test
    void passesEveryCheckWhenAllIsWellAndSaysSoInJson() throws Exception {
        AdminRun run = AdminRun.of("doctor", "--config", config(sandbox.viss().baseUri().toString(), "[]",
                "viss-chain.pem").toString());

        assertEquals(0, run.exit(), run.out() + run.err());
        for (String check : List.of("config", "token", "key viss-client", "viss dns", "viss tcp", "viss tls",
                "viss token", "disk")) {
            assertTrue(run.out().lines().anyMatch(l -> l.startsWith("OK   " + check)), check + " in\n" + run.out());
        }
        assertTrue(run.out().contains("an access token was issued"), run.out());

        AdminRun json = AdminRun.of("doctor", "--json", "--config", dir.resolve("sargs.yaml").toString());
        JsonNode report = new ObjectMapper().readTree(json.out());
        assertTrue(report.path("ok").asBoolean(), json.out());
        assertTrue(report.path("checks").size() >= 8, json.out());
    }

    @Test
    void namesARefusedPort() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        AdminRun run = AdminRun.of("doctor", "--config", config("https://127.0.0.1:" + closed, "[]", "viss-chain.pem")
                .toString());

        assertFailed(run, "viss tcp", "refused the connection", "fix: check lookups.viss.baseUri's port");
    }

    @Test
    void namesAnUntrustedServerCertificate() throws Exception {
        sandbox.viss().faults().serverCertificate(ServerCertificateMode.UNTRUSTED);

        AdminRun run = AdminRun.of("doctor", "--config", config(sandbox.viss().baseUri().toString(), "[]",
                "viss-chain.pem").toString());

        assertFailed(run, "viss tls", "does not chain to lookups.viss.trustedCa", "fix: put the CA that issued");
    }

    @Test
    void namesAPinThatDoesNotMatchAndShowsTheServersPin() throws Exception {
        AdminRun run = AdminRun.of("doctor", "--config", config(sandbox.viss().baseUri().toString(),
                "[\"sha256/" + "A".repeat(43) + "=\"]", "viss-chain.pem").toString());

        assertFailed(run, "viss pins", "no configured pin matches the server's keys [sha256/",
                "set lookups.viss.spkiPins to include sha256/");
    }

    @Test
    void namesAStalledTokenEndpoint() throws Exception {
        sandbox.viss().faults().set(VissSimulator.TOKEN, FaultPlan.NONE.withStalls(1, Duration.ofSeconds(20)));

        AdminRun run = AdminRun.of("doctor", "--timeout", "2", "--config", config(sandbox.viss().baseUri().toString(),
                "[]", "viss-chain.pem").toString());

        assertFailed(run, "viss token", "no answer within 2000 ms", "fix: the token endpoint stalls");
        assertTrue(run.out().lines().anyMatch(l -> l.startsWith("OK   viss tls")), run.out());
    }

    @Test
    void namesAnExpiredClientCertificate() throws Exception {
        Instant now = Instant.now();
        Files.writeString(dir.resolve("expired-chain.pem"), AdminRun.pem(ca.issue("sargs.bank.test").client()
                .validity(now.minus(Duration.ofDays(400)), now.minus(Duration.ofDays(1))).certify(vissKey))
                + ca.certificatePem());

        AdminRun run = AdminRun.of("doctor", "--config", config(sandbox.viss().baseUri().toString(), "[]",
                "expired-chain.pem").toString());

        assertFailed(run, "key viss-client", "expired", "fix: renew: sargs-admin keys … csr --label viss-client");
    }

    /** Asserts the doctor failed with a line for {@code check} holding {@code detail}, and {@code fix} below it. */
    static void assertFailed(AdminRun run, String check, String detail, String fix) {
        assertEquals(DoctorCommand.FAILED, run.exit(), run.out() + run.err());
        List<String> lines = run.out().lines().toList();
        int at = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("FAIL " + check)) {
                at = i;
            }
        }
        assertTrue(at >= 0, "FAIL " + check + " in\n" + run.out());
        assertTrue(lines.get(at).contains(detail), lines.get(at));
        assertTrue(lines.get(at + 1).contains(fix), lines.get(at + 1));
    }

    private static Path config(String vissBase, String pins, String vissChain) throws Exception {
        Path file = dir.resolve("sargs.yaml");
        Files.writeString(file, TestConfigs.listeners(dir, "ca.pem", 0) + AdminTokens.section(token) + """
                dataDirectory: %1$s/data
                shutdown: {grace: 1s}
                """.formatted(dir) + TestConfigs.vissLookups(dir, vissBase, pins, vissChain, CLIENT_ID,
                sandbox.viss().audience()));
        return file;
    }
}

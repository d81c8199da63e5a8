package lv.sargs.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import lv.sargs.gateway.treasury.ekase.EkaseMode;
import lv.sargs.hsm.KeySpec;
import lv.sargs.hsm.PinSource;
import lv.sargs.hsm.Pkcs11Settings;
import lv.sargs.hsm.Token;
import lv.sargs.hsm.tokens.Tokens;
import lv.sargs.sandbox.demo.TreasuryWiring;
import lv.sargs.sandbox.fault.FaultPlan;
import lv.sargs.testkit.CertificateAuthority;
import lv.sargs.testkit.SoftHsm2;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sargs-admin doctor} against the sandbox eKase with the Treasury client key on SoftHSM2:
 * its first protocol step (the gateway's login and a read of the notifications) passes with timings
 * when all is well, and a stalled endpoint or a refused password is named with its fix.
 */
class DoctorEkaseTest {

    @TempDir
    static Path dir;

    private static TreasuryWiring.SandboxEkase ekase;
    private static Path config;
    private static String password;

    @BeforeAll
    static void start() throws Exception {
        ekase = TreasuryWiring.startEkase();
        AdminTokens.AdminToken token = AdminTokens.fresh();
        CertificateAuthority ca = CertificateAuthority.create("Doctor eKase Test CA");
        String treasury;
        try (Token t = Tokens.open(new Pkcs11Settings(SoftHsm2.library(), Optional.of(token.label()), Optional.empty(),
                new PinSource.File(token.pinFile()), 16, Duration.ofSeconds(10), Duration.ofSeconds(1)))) {
            PublicKey listener = t.generateKeyPair("sargs-listener", KeySpec.EC_P256).publicKey();
            Files.writeString(dir.resolve("listener-chain.pem"), AdminRun.pem(ca.issue("sargs.bank.test")
                    .server("sargs.bank.test").certify(listener)) + ca.certificatePem());
            treasury = TreasuryWiring.prepare(ekase, t, dir.resolve("treasury"), EkaseMode.MANAGE);
        }
        ca.writeCertificatePem(dir.resolve("ca.pem"));
        Files.createDirectories(dir.resolve("data"));
        password = Files.readString(dir.resolve("treasury/ekase.password"));
        config = dir.resolve("sargs.yaml");
        // eKase's XML limit (4 MiB by default) must fit the client listener's body limit.
        Files.writeString(config, TestConfigs.listeners(dir, "ca.pem", 0).replace("maxBodySize: 1MiB",
                "maxBodySize: 8MiB") + AdminTokens.section(token) + """
                dataDirectory: %1$s/data
                shutdown: {grace: 1s}
                """.formatted(dir) + treasury);
    }

    @AfterAll
    static void stop() {
        ekase.close();
    }

    @AfterEach
    void clear() throws Exception {
        ekase.simulator().faults().clear();
        Files.writeString(dir.resolve("treasury/ekase.password"), password);
    }

    @Test
    void logsInToEkaseAndReadsItsNotificationsWithTimings() {
        AdminRun run = AdminRun.of("doctor", "--config", config.toString());

        assertEquals(0, run.exit(), run.out() + run.err());
        for (String check : List.of("key ekase-client", "ekase dns")) {
            assertTrue(run.out().lines().anyMatch(l -> l.startsWith("OK   " + check)), check + " in\n" + run.out());
        }
        for (String timed : List.of("ekase tcp", "ekase tls", "ekase exchange")) {
            assertTrue(run.out().lines().anyMatch(l -> l.startsWith("OK   " + timed) && l.matches(".*\\[\\d+ ms]$")),
                    timed + " with its time in\n" + run.out());
        }
        assertTrue(run.out().contains("as '" + TreasuryWiring.USER + "': 200, logged in"), run.out());
        assertTrue(!run.out().contains(password.strip()), "the password is never shown");
    }

    @Test
    void namesAStalledExchangeEndpointAndTheFix() {
        ekase.simulator().faults().set("notifications", FaultPlan.NONE.withStalls(1, Duration.ofSeconds(20)));

        AdminRun run = AdminRun.of("doctor", "--timeout", "2", "--config", config.toString());

        DoctorCommandTest.assertFailed(run, "ekase exchange", "no answer within 2000 ms", "fix: eKase's exchange endpoint stalls");
        assertTrue(run.out().lines().anyMatch(l -> l.startsWith("OK   ekase tls")), run.out());
    }

    @Test
    void namesARefusedPasswordAndTheFix() throws Exception {
        Files.writeString(dir.resolve("treasury/ekase.password"), "not-the-registered-one\n");

        AdminRun run = AdminRun.of("doctor", "--config", config.toString());

        DoctorCommandTest.assertFailed(run, "ekase exchange", ": 401 (user or password refused)",
                "fix: check treasury.ekase.user and the password in the file treasury.ekase.password names");
    }
}

package lv.sargs.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import lv.sargs.hsm.PinSource;
import lv.sargs.testkit.CertificateAuthority;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reference config shipped in the image loads (with its paths pointed at test files), so it cannot rot. */
class ReferenceConfigTest {

    static final Path REFERENCE = Path.of("../image/src/main/config/sargs.yaml");

    @TempDir
    Path dir;

    /** The reference config with its paths pointed at files made in {@code dir}. */
    private String substituted(ConfigFixture f) throws Exception {
        Path library = Files.createFile(dir.resolve("libpkcs11.so"));
        Path pin = Files.createFile(dir.resolve("token-pin"));
        Files.setPosixFilePermissions(pin, PosixFilePermissions.fromString("rw-------"));
        Path lb = dir.resolve("lb-statistics.pem");
        Files.writeString(lb, f.ca.issue("Latvijas Banka").cms().keyType(CertificateAuthority.KeyType.EC_P384).build()
                .certificatePem());
        Path ekasePassword = Files.createFile(dir.resolve("ekase-password"));
        Files.setPosixFilePermissions(ekasePassword, PosixFilePermissions.fromString("rw-------"));
        return Files.readString(REFERENCE)
                .replace("/etc/sargs/pki/listener-chain.pem", f.serverChain.toString())
                .replace("/etc/sargs/pki/clients-ca.pem", f.clientCa.toString())
                .replace("/usr/lib/softhsm/libsofthsm2.so", library.toString())
                .replace("/run/credentials/sargs.service/token-pin", pin.toString())
                .replace("/etc/sargs/pki/lb-statistics.pem", lb.toString())
                .replace("/etc/sargs/pki/ekase-ca.pem", f.clientCa.toString())
                .replace("/etc/sargs/pki/ekase-client-chain.pem", f.serverChain.toString())
                .replace("/run/credentials/sargs.service/ekase-password", ekasePassword.toString())
                .replace("/etc/sargs/pki/viss-ca.pem", f.clientCa.toString())
                .replace("/etc/sargs/pki/viss-client-chain.pem", f.serverChain.toString())
                .replace("/run/credentials/sargs.service/viss-secret", ekasePassword.toString())
                .replace("/etc/sargs/pki/fpr-ca.pem", f.clientCa.toString())
                .replace("/etc/sargs/pki/fpr-client-chain.pem", f.serverChain.toString())
                .replace("/run/credentials/sargs.service/fpr-secret", ekasePassword.toString())
                .replace("/var/lib/sargs", f.dataDirectory.toString());
    }

    @Test
    void referenceConfigLoadsWithItsPathsSubstituted() throws Exception {
        ConfigFixture f = new ConfigFixture(dir);
        String yaml = substituted(f);
        Path pin = dir.resolve("token-pin");
        Path lb = dir.resolve("lb-statistics.pem");
        Path ekasePassword = dir.resolve("ekase-password");

        GatewayConfig c;
        try {
            c = ConfigLoader.with(Clock.systemUTC(), Map.of()).parse(yaml, REFERENCE.toString());
        } catch (ConfigException e) {
            throw new AssertionError("the reference config does not load: " + e.problems(), e);
        }

        assertEquals(new Endpoint("0.0.0.0", 8443), c.clientListener().bind());
        assertEquals(TlsProvider.OPENSSL, c.clientListener().tls().provider());
        assertEquals(new Endpoint("127.0.0.1", 9090), c.managementListener().bind());
        assertTrue(c.managementListener().tls().isEmpty());
        assertEquals("core-banking", c.clients().get(0).name());
        TokenConfig.Pkcs11 token = assertInstanceOf(TokenConfig.Pkcs11.class, c.token());
        assertEquals(new PinSource.File(pin), token.settings().pin());
        assertEquals(Duration.ofSeconds(20), c.shutdownGrace());
        assertEquals(Duration.ofSeconds(3), c.clientListener().limits().requestTimeout());
        assertEquals(RequestDeadlines.DEFAULTS, c.clientListener().deadlines());
        assertEquals(ClientRateLimit.DEFAULTS, c.clientListener().rateLimit());
        LookupsConfig lookups = c.lookups().orElseThrow();
        assertEquals("https://ha.viss.gov.lv/STS/VISS.Pfas.STS/oauth2/token", lookups.register("viss", VissUpstreamConfig.class).orElseThrow().audience());
        assertEquals(5, lookups.registers().size());
        assertEquals(64, lookups.register("viss", VissUpstreamConfig.class).orElseThrow().endpoint().maxConnections());
        assertEquals(UpstreamEndpoint.DEFAULT_MAX_CONNECTIONS,
                lookups.register("fpr", FprUpstreamConfig.class).orElseThrow().endpoint().maxConnections());
        StatisticsConfig statistics = c.statistics().orElseThrow();
        assertEquals(95_000_000L, statistics.maxFileBytes());
        assertEquals(List.of(lb), statistics.recipients());
        assertEquals("STAT/OUT", statistics.sftp().outDir());
        assertEquals(Duration.ofMinutes(5), statistics.pollInterval());
        TreasuryConfig treasury = c.treasury().orElseThrow();
        assertEquals(TreasuryConfig.Mode.MANAGE, treasury.ekase().mode());
        assertEquals(new SecretSource.File(ekasePassword), treasury.ekase().password());
        assertEquals(TreasuryReader.XML, treasury.xml());
        assertEquals(TreasuryReader.POLL_INTERVAL, treasury.pollInterval());
    }

    @Test
    void theReferencesVidSectionUncommentedConnectsTheThirdRegisterAndItNeedsItsTerms() throws Exception {
        ConfigFixture f = new ConfigFixture(dir);
        String vid = substituted(f)
                .replace("  # vid:\n", "  vid:\n")
                .replaceAll("(?m)^  #   (baseUri: https://vid|trustedCa: /etc/sargs/pki/vid|clientKey:$"
                        + "|  label: vid-client|  certificateChain: /etc/sargs/pki/vid)", "    $1")
                .replace("/etc/sargs/pki/vid-ca.pem", f.clientCa.toString())
                .replace("/etc/sargs/pki/vid-client-chain.pem", f.serverChain.toString());
        String withTerms = vid.replace("    # vid.taxpayer:", "    vid.taxpayer:");

        LookupsConfig lookups = ConfigLoader.with(Clock.systemUTC(), Map.of()).parse(withTerms, "vid.yaml")
                .lookups().orElseThrow();
        assertEquals("https://vid.example.gov.lv", lookups.register("vid", VidUpstreamConfig.class).orElseThrow()
                .endpoint().baseUri().toString());
        assertEquals(5, lookups.registers().get(LookupsConfig.termsKey("vid", "taxpayer")).feeCents());

        ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
                () -> ConfigLoader.with(Clock.systemUTC(), Map.of()).parse(vid, "vid.yaml"));
        assertTrue(e.problems().toString().contains("lookups.registers.vid.taxpayer"), e.problems().toString());
    }

    @Test
    void aRegistersMaxConnectionsIsReadAndAnOutOfRangeOneIsNamed() throws Exception {
        ConfigFixture f = new ConfigFixture(dir);
        String yaml = substituted(f);
        ConfigLoader loader = ConfigLoader.with(Clock.systemUTC(), Map.of());

        LookupsConfig lookups = loader.parse(yaml.replace("maxConnections: 64", "maxConnections: 200"), "pool.yaml")
                .lookups().orElseThrow();
        assertEquals(200, lookups.register("viss", VissUpstreamConfig.class).orElseThrow().endpoint().maxConnections());

        for (String bad : List.of("0", "1025", "many")) {
            ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
                    () -> loader.parse(yaml.replace("maxConnections: 64", "maxConnections: " + bad), "pool.yaml"));
            assertEquals(List.of("lookups.viss.maxConnections: " + bad + " (expected: a whole number 1-1024)"),
                    e.problems().stream().map(ConfigProblem::toString).toList());
        }
    }

    @Test
    void everyPathInTheReferenceConfigIsOneTheTestSubstitutes() throws Exception {
        // A new path in the reference must be added to the substitution above, or that test breaks opaquely.
        long paths = Files.readAllLines(REFERENCE).stream()
                .map(String::strip)
                .filter(l -> !l.startsWith("#"))
                .filter(l -> l.matches("^([A-Za-z]+: |- )/.*"))
                .count();
        assertEquals(15, paths);
    }
}

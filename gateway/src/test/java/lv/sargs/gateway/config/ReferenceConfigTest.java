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

    @Test
    void referenceConfigLoadsWithItsPathsSubstituted() throws Exception {
        ConfigFixture f = new ConfigFixture(dir);
        Path library = Files.createFile(dir.resolve("libpkcs11.so"));
        Path pin = Files.createFile(dir.resolve("token-pin"));
        Files.setPosixFilePermissions(pin, PosixFilePermissions.fromString("rw-------"));
        Path lb = dir.resolve("lb-statistics.pem");
        Files.writeString(lb, f.ca.issue("Latvijas Banka").cms().keyType(CertificateAuthority.KeyType.EC_P384).build()
                .certificatePem());
        String yaml = Files.readString(REFERENCE)
                .replace("/etc/sargs/pki/listener-chain.pem", f.serverChain.toString())
                .replace("/etc/sargs/pki/clients-ca.pem", f.clientCa.toString())
                .replace("/usr/lib/softhsm/libsofthsm2.so", library.toString())
                .replace("/run/credentials/sargs.service/token-pin", pin.toString())
                .replace("/var/lib/sargs", f.dataDirectory.toString())
                .replace("/etc/sargs/pki/lb-statistics.pem", lb.toString());

        GatewayConfig c = ConfigLoader.with(Clock.systemUTC(), Map.of()).parse(yaml, REFERENCE.toString());

        assertEquals(new Endpoint("0.0.0.0", 8443), c.clientListener().bind());
        assertEquals(new Endpoint("127.0.0.1", 9090), c.managementListener().bind());
        assertTrue(c.managementListener().tls().isEmpty());
        assertEquals("core-banking", c.clients().get(0).name());
        TokenConfig.Pkcs11 token = assertInstanceOf(TokenConfig.Pkcs11.class, c.token());
        assertEquals(new PinSource.File(pin), token.settings().pin());
        assertEquals(Duration.ofSeconds(20), c.shutdownGrace());
        assertEquals(Duration.ofSeconds(3), c.clientListener().limits().requestTimeout());
        StatisticsConfig statistics = c.statistics().orElseThrow();
        assertEquals(95_000_000L, statistics.maxFileBytes());
        assertEquals(List.of(lb), statistics.recipients());
        assertEquals("STAT/OUT", statistics.sftp().outDir());
        assertEquals(Duration.ofMinutes(5), statistics.pollInterval());
    }

    @Test
    void everyPathInTheReferenceConfigIsOneTheTestSubstitutes() throws Exception {
        // A new path in the reference must be added to the substitution above, or that test breaks opaquely.
        long paths = Files.readAllLines(REFERENCE).stream()
                .map(String::strip)
                .filter(l -> !l.startsWith("#"))
                .filter(l -> l.matches("^([A-Za-z]+: |- )/.*"))
                .count();
        assertEquals(6, paths);
    }
}

package lv.sargs.gateway.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import javax.security.auth.x500.X500Principal;
import lv.sargs.hsm.PinSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    private final ConfigLoader loader = ConfigLoader.with(Clock.systemUTC(), Map.of("SARGS_TOKEN_PIN", "set"));

    @Test
    void loadsCompleteConfigIntoRecords() throws Exception {
        ConfigFixture f = new ConfigFixture(dir);
        GatewayConfig c = loader.load(f.write());

        assertEquals(new Endpoint("127.0.0.1", 0), c.clientListener().bind());
        assertEquals(List.of(Cidr.parse("127.0.0.1/32")), c.clientListener().allowList());
        assertEquals("sargs-listener", c.clientListener().tls().keyLabel());
        assertEquals(List.of("TLSv1.3", "TLSv1.2"), c.clientListener().tls().protocols());
        assertEquals(TlsProvider.OPENSSL, c.clientListener().tls().provider(), "the default provider");
        assertEquals(new Limits(16 * 1024, 1024 * 1024, Duration.ofSeconds(60), Duration.ofSeconds(10), 64, 256,
                Duration.ofSeconds(3)), c.clientListener().limits());
        assertTrue(c.managementListener().tls().isEmpty());
        ClientConfig client = c.clients().get(0);
        assertEquals("core-banking", client.name());
        assertInstanceOf(ClientIdentity.Fingerprint.class, client.identity());
        assertEquals(java.util.Set.of("kyc"), client.purposes());
        assertInstanceOf(TokenConfig.Demo.class, c.token());
        assertEquals(f.dataDirectory, c.dataDirectory());
        assertEquals(Duration.ofSeconds(5), c.shutdownGrace());
    }

    @Test
    void listsEveryProblemWithPathValueAndExpectation() {
        ConfigFixture f = new ConfigFixture(dir);
        String yaml = f.yaml()
                .replace("allowList: [127.0.0.1/32]\n    tls:", "alowList: [127.0.0.1/32]\n    tls:")
                .replace("allowList: [127.0.0.1/32]\nclients:", "allowList: [127.0.0.1/32, 10.0.0.0/8, 10.0.0.0/33]\nclients:")
                .replace("idleTimeout: 60s", "idleTimeout: 60 seconds")
                .replace("      requestTimeout: 3s\n", "")
                .replace("sha256: \"" + f.clientFingerprint() + "\"", "sha256: \"AB:CD\"")
                .replace("grace: 5s", "grace: 5s\n  hard: true");
        ConfigException e = assertThrows(ConfigException.class, () -> loader.parse(yaml, "sargs.yaml"));

        List<String> problems = e.problems().stream().map(ConfigProblem::toString).toList();
        assertEquals(List.of(
                "listeners.client.allowList: (missing) (expected: a list of address blocks such as [10.20.0.0/16, 2001:db8::/48]; [] admits nobody)",
                "listeners.client.limits.idleTimeout: 60 seconds (expected: a duration 1s to 1h, written like 500ms, 10s, 2m or 1h)",
                "listeners.client.limits.requestTimeout: (missing) (expected: a duration, e.g. 3s)",
                "listeners.client.alowList: (unknown key) (expected: one of bind, allowList, tls, limits, deadlines, rateLimit, bodyLimits; did you mean allowList?)",
                "listeners.management.allowList[2]: 10.0.0.0/33 (expected: prefix 0-32)",
                "clients[0].certificate.sha256: AB:CD (expected: a SHA-256 fingerprint: 64 hex digits, colons allowed"
                        + " (openssl x509 -noout -fingerprint -sha256 -in client.pem))",
                "shutdown.hard: (unknown key) (expected: one of grace)"), problems);
    }

    @Test
    void readsTheClientListenerTlsProvider() throws Exception {
        ConfigFixture f = new ConfigFixture(dir);
        String yaml = f.yaml().replace("protocols: [TLSv1.3, TLSv1.2]", "protocols: [TLSv1.3, TLSv1.2]\n      provider: OPENSSL");
        assertEquals(TlsProvider.OPENSSL, loader.parse(yaml, "sargs.yaml").clientListener().tls().provider());
        String jdk = f.yaml().replace("protocols: [TLSv1.3, TLSv1.2]", "protocols: [TLSv1.3, TLSv1.2]\n      provider: JDK");
        assertEquals(TlsProvider.JDK, loader.parse(jdk, "sargs.yaml").clientListener().tls().provider(), "JDK stays selectable");
    }

    @Test
    void readsAndValidatesRequestDeadlines() throws Exception {
        ConfigFixture f = new ConfigFixture(dir);
        String deadlines = "requestTimeout: 3s\n    deadlines:\n      headerTimeout: 2s\n      minBodyRate: 4KiB\n"
                + "      bodyTimeout: 30s\n      maxUploadsPerClient: 3";
        assertEquals(new RequestDeadlines(Duration.ofSeconds(2), 4096, Duration.ofSeconds(30), 3),
                loader.parse(f.yaml().replace("requestTimeout: 3s", deadlines), "sargs.yaml").clientListener().deadlines());
        ConfigException e = assertThrows(ConfigException.class, () -> loader.parse(f.yaml().replace("requestTimeout: 3s",
                deadlines.replace("maxUploadsPerClient: 3", "maxUploadsPerClient: 0")), "sargs.yaml"));
        assertEquals("listeners.client.deadlines.maxUploadsPerClient: 0 (expected: a whole number 1-1000)",
                e.problems().get(0).toString());
    }

    @Test
    void readsAndValidatesAClientsDailyFeeBudgetInEuro() throws Exception {
        ConfigFixture f = new ConfigFixture(dir);
        String kyc = "purposes: [kyc]";
        assertEquals(ClientConfig.NO_FEE_BUDGET, loader.parse(f.yaml(), "sargs.yaml").clients().get(0).dailyFeeBudgetCents());
        assertEquals(2505, loader.parse(f.yaml().replace(kyc, kyc + "\n    dailyFeeBudget: \"25.05\""), "sargs.yaml")
                .clients().get(0).dailyFeeBudgetCents());
        assertEquals(4000, loader.parse(f.yaml().replace(kyc, kyc + "\n    dailyFeeBudget: 40"), "sargs.yaml")
                .clients().get(0).dailyFeeBudgetCents());
        for (String bad : new String[] {"\"25.001\"", "\"1e2\"", "\"-5\"", "\"25,00\"", "\"2000000\""}) {
            ConfigException e = assertThrows(ConfigException.class, () -> loader.parse(
                    f.yaml().replace(kyc, kyc + "\n    dailyFeeBudget: " + bad), "sargs.yaml"), bad);
            assertEquals("clients[0].dailyFeeBudget: " + bad.replace("\"", "")
                    + " (expected: an amount in euro 0.00 to 1000000.00, written like 25 or 25.00)",
                    e.problems().get(0).toString());
        }
    }

    @Test
    void readsAndValidatesTheBodyBoundOfEachRouteClass() throws Exception {
        ConfigFixture f = new ConfigFixture(dir);
        String at = "requestTimeout: 3s";
        String max = Units.showSize(loader.parse(f.yaml(), "sargs.yaml").clientListener().limits().maxBodyBytes());
        assertEquals(BodyLimits.defaults(loader.parse(f.yaml(), "sargs.yaml").clientListener().limits().maxBodyBytes()),
                loader.parse(f.yaml(), "sargs.yaml").clientListener().bodyLimits());
        assertEquals(new BodyLimits(8 << 10, 1 << 20), loader.parse(f.yaml().replace(at,
                at + "\n    bodyLimits: {small: 8KiB, payments: 1MiB}"), "sargs.yaml").clientListener().bodyLimits());
        ConfigException e = assertThrows(ConfigException.class, () -> loader.parse(f.yaml().replace(at,
                at + "\n    bodyLimits: {small: 2GiB, payments: lots}"), "sargs.yaml"));
        assertEquals(List.of("listeners.client.bodyLimits.small: 2GiB (expected: a size 0B to 1GiB, written like 512B,"
                        + " 16KiB or 10MiB)",
                "listeners.client.bodyLimits.payments: lots (expected: a size 0B to 1GiB, written like 512B, 16KiB or"
                        + " 10MiB)"),
                e.problems().stream().map(Object::toString).toList());
        ConfigException over = assertThrows(ConfigException.class, () -> loader.parse(f.yaml().replace(at,
                at + "\n    bodyLimits: {payments: 1GiB}"), "sargs.yaml"));
        assertEquals("listeners.client.bodyLimits.payments: 1GiB (expected: at most listeners.client.limits.maxBodySize "
                + max + ", the most the listener buffers)", over.problems().get(0).toString());
    }

    @Test
    void rejectsAnUnknownTlsProvider() {
        ConfigFixture f = new ConfigFixture(dir);
        String yaml = f.yaml().replace("protocols: [TLSv1.3, TLSv1.2]", "protocols: [TLSv1.3, TLSv1.2]\n      provider: openssl");
        ConfigException e = assertThrows(ConfigException.class, () -> loader.parse(yaml, "sargs.yaml"));
        assertEquals("listeners.client.tls.provider: openssl (expected: JDK or OPENSSL)", e.problems().get(0).toString());
    }

    @Test
    void requiresTlsForManagementOffLoopback() {
        ConfigFixture f = new ConfigFixture(dir);
        String yaml = f.yaml().replace("bind: 127.0.0.1:0\n    allowList: [127.0.0.1/32]\nclients",
                "bind: 0.0.0.0:9090\n    allowList: [127.0.0.1/32]\nclients");
        ConfigException e = assertThrows(ConfigException.class, () -> loader.parse(yaml, "sargs.yaml"));
        assertEquals("listeners.management: bind 0.0.0.0:9090 without tls (expected: a tls block: plain HTTP is allowed"
                + " only on a loopback address such as 127.0.0.1)", e.problems().get(0).toString());
    }

    @Test
    void rejectsClientSourcesOutsideTheListenerAllowList() {
        ConfigFixture f = new ConfigFixture(dir);
        String yaml = f.yaml().replace("sources: [127.0.0.1/32]", "sources: [127.0.0.0/8, 10.1.0.0/16]")
                .replace("allowList: [127.0.0.1/32]\n    tls:", "allowList: [127.0.0.0/8]\n    tls:");
        ConfigException e = assertThrows(ConfigException.class, () -> loader.parse(yaml, "sargs.yaml"));
        assertEquals(List.of(new ConfigProblem("clients[0].sources[1]", "10.1.0.0/16",
                "a block inside listeners.client.allowList, or this client can never connect")), e.problems());
    }

    @Test
    void rejectsDuplicateClientNamesAndCertificates() {
        ConfigFixture f = new ConfigFixture(dir);
        String client = f.yaml().substring(f.yaml().indexOf("  - name:"), f.yaml().indexOf("token:"));
        String yaml = f.yaml().replace("token:", client + "token:");
        ConfigException e = assertThrows(ConfigException.class, () -> loader.parse(yaml, "sargs.yaml"));
        assertEquals(List.of("clients[1].name", "clients[1].certificate"),
                e.problems().stream().map(ConfigProblem::path).toList());
    }

    @Test
    void rejectsTheDemoTokenOnANonLoopbackListener() {
        ConfigFixture f = new ConfigFixture(dir);
        String yaml = f.yaml().replace("bind: 127.0.0.1:0\n    allowList: [127.0.0.1/32]\n    tls",
                "bind: 0.0.0.0:8443\n    allowList: [127.0.0.1/32]\n    tls");
        ConfigException e = assertThrows(ConfigException.class, () -> loader.parse(yaml, "sargs.yaml"));
        assertEquals("token.demo", e.problems().get(0).path());
    }

    @Test
    void checksCertificateFilesExistParseAndAreValid() throws Exception {
        ConfigFixture f = new ConfigFixture(dir);
        Files.writeString(f.clientCa, "not a certificate");
        Clock later = Clock.fixed(Instant.now().plus(Duration.ofDays(400)), ZoneOffset.UTC);
        String yaml = f.yaml().replace(f.serverChain.toString(), f.serverChain.toString());
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.with(later, Map.of()).parse(yaml, "sargs.yaml"));
        List<String> paths = e.problems().stream().map(ConfigProblem::path).toList();
        assertEquals(List.of("listeners.client.tls.certificateChain", "listeners.client.tls.clientCa"), paths);
        assertTrue(e.problems().get(0).expected().contains("CN=localhost expired"));

        Files.delete(f.clientCa);
        ConfigException missing = assertThrows(ConfigException.class, () -> loader.parse(f.yaml(), "sargs.yaml"));
        assertEquals(f.clientCa.toString(), missing.problems().get(0).value());
    }

    @Test
    void readsPkcs11TokenWithEachPinSource() throws Exception {
        ConfigFixture f = new ConfigFixture(dir);
        Path library = Files.createFile(dir.resolve("libpkcs11.so"));
        Path pin = Files.createFile(dir.resolve("token.pin"));
        Files.setPosixFilePermissions(pin, PosixFilePermissions.fromString("rw-------"));
        String pkcs11 = """
                token:
                  pkcs11:
                    library: %s
                    tokenLabel: sargs
                    pin:
                      %s
                    queueCapacity: 64
                    operationDeadline: 2s
                    probeInterval: 1s
                """;
        String base = f.yaml().replace("token:\n  demo: true\n", "");
        TokenConfig.Pkcs11 fromFile = (TokenConfig.Pkcs11) loader.parse(base + pkcs11.formatted(library, "file: " + pin),
                "sargs.yaml").token();
        assertEquals(new PinSource.File(pin), fromFile.settings().pin());
        assertEquals("sargs", fromFile.settings().tokenLabel().orElseThrow());
        assertEquals(Duration.ofSeconds(2), fromFile.settings().operationDeadline());

        TokenConfig.Pkcs11 fromEnv = (TokenConfig.Pkcs11) loader.parse(
                base + pkcs11.formatted(library, "env: SARGS_TOKEN_PIN"), "sargs.yaml").token();
        assertEquals(new PinSource.Environment("SARGS_TOKEN_PIN"), fromEnv.settings().pin());

        ConfigException unset = assertThrows(ConfigException.class,
                () -> loader.parse(base + pkcs11.formatted(library, "env: SARGS_OTHER_PIN"), "sargs.yaml"));
        assertEquals("token.pkcs11.pin.env", unset.problems().get(0).path());

        Files.setPosixFilePermissions(pin, PosixFilePermissions.fromString("rw-r--r--"));
        ConfigException readable = assertThrows(ConfigException.class,
                () -> loader.parse(base + pkcs11.formatted(library, "file: " + pin), "sargs.yaml"));
        assertEquals("token.pkcs11.pin.file: " + pin + " (expected: a PIN file readable by its owner only (chmod 600),"
                + " not by group or others)", readable.problems().get(0).toString());
    }

    @Test
    void rejectsBothOrNeitherTokenKind() {
        ConfigFixture f = new ConfigFixture(dir);
        ConfigException e = assertThrows(ConfigException.class, () -> loader.parse(
                f.yaml().replace("  demo: true\n", "  demo: true\n  pkcs11: {}\n"), "sargs.yaml"));
        assertEquals(new ConfigProblem("token", "both demo and pkcs11",
                "either a pkcs11 block (production) or demo: true (NOT FOR PRODUCTION)"), e.problems().get(0));
    }

    @Test
    void recognisesClientsBySubjectAndIssuer() throws Exception {
        ConfigFixture f = new ConfigFixture(dir);
        String yaml = f.yaml().replace("sha256: \"" + f.clientFingerprint() + "\"",
                "subject: \"CN=core-banking\"\n      issuer: \"CN=Sargs Test CA\"");
        ClientIdentity id = loader.parse(yaml, "sargs.yaml").clients().get(0).identity();
        assertEquals(new ClientIdentity.SubjectAndIssuer(new X500Principal("CN=core-banking"),
                new X500Principal("CN=Sargs Test CA")), id);
    }

    @Test
    void acceptsFingerprintsWithOrWithoutColonsInAnyCase() throws Exception {
        ConfigFixture f = new ConfigFixture(dir);
        String plain = f.clientFingerprint().replace(":", "").toLowerCase(java.util.Locale.ROOT);
        GatewayConfig a = loader.parse(f.yaml(), "a");
        GatewayConfig b = loader.parse(f.yaml().replace(f.clientFingerprint(), plain), "b");
        assertArrayEquals(((ClientIdentity.Fingerprint) a.clients().get(0).identity()).sha256(),
                ((ClientIdentity.Fingerprint) b.clients().get(0).identity()).sha256());
    }

    @Test
    void reportsYamlSyntaxErrorsWithTheirLine() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> loader.parse("version: 1\nlisteners:\n  client: [\n", "sargs.yaml"));
        assertTrue(e.problems().get(0).path().startsWith("sargs.yaml line "), e.problems().toString());
        ConfigException dup = assertThrows(ConfigException.class,
                () -> loader.parse("version: 1\nversion: 1\n", "sargs.yaml"));
        assertTrue(dup.problems().get(0).value().contains("Duplicate field 'version'"), dup.problems().toString());
    }

    @Test
    void namesTheFormatVersionItReadsAndTheTopLevelWhenItIsNotAMapping() {
        ConfigFixture f = new ConfigFixture(dir);
        ConfigException version = assertThrows(ConfigException.class,
                () -> loader.parse(f.yaml().replace("version: 1", "version: 2"), "sargs.yaml"));
        assertEquals(List.of(new ConfigProblem("version", "2", "1: this gateway reads format version 1 only")),
                version.problems());
        ConfigException list = assertThrows(ConfigException.class, () -> loader.parse("- a\n- b\n", "sargs.yaml"));
        assertEquals("(top level): (a list) (expected: a mapping of keys to values)", list.problems().get(0).toString());
    }

    @Test
    void anEmptyFileIsAProblemNotAnEmptyConfig() {
        ConfigException e = assertThrows(ConfigException.class, () -> loader.parse("# nothing\n", "sargs.yaml"));
        assertFalse(e.problems().isEmpty());
    }
}

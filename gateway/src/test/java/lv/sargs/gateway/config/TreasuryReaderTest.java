package lv.sargs.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The optional {@code treasury} section: read into its record, every problem listed, checked against the listener. */
class TreasuryReaderTest {

    @TempDir
    Path dir;

    private final ConfigLoader loader = ConfigLoader.with(Clock.systemUTC(), Map.of("SARGS_EKASE_PASSWORD", "set"));
    private ConfigFixture f;
    private Path password;

    @BeforeEach
    void fixture() throws Exception {
        f = new ConfigFixture(dir);
        password = Files.createFile(dir.resolve("ekase-password"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(password, "secret\n");
    }

    private String section() {
        return """
                treasury:
                  storageKeyLabel: treasury-storage
                  ekase:
                    baseUri: https://127.0.0.1:8444/ekase
                    trustedCa: %s
                    clientKey: {label: ekase-client, certificateChain: %s}
                    user: SARGS01
                    password: {file: %s}
                    mode: MANAGE
                    connectTimeout: 1s
                    requestTimeout: 1500ms
                  roles:
                    view: [treasury-view, reporting]
                    manage: [treasury-manage]
                """.formatted(f.clientCa, f.serverChain, password);
    }

    @Test
    void readsTheSectionWithTheReferenceDefaultsForTheKnobsLeftOut() throws Exception {
        // The reference's 4 MiB documents need a body limit of at least that (the fixture has 1 MiB).
        String yaml = f.yaml().replace("maxBodySize: 1MiB", "maxBodySize: 10MiB") + section();

        TreasuryConfig t = loader.parse(yaml, "sargs.yaml").treasury().orElseThrow();

        TreasuryConfig.Ekase e = t.ekase();
        assertEquals(URI.create("https://127.0.0.1:8444/ekase"), e.baseUri());
        assertEquals(f.clientCa, e.trustedCa());
        assertEquals("ekase-client", e.clientKeyLabel());
        assertEquals(f.serverChain, e.clientKeyChain());
        assertEquals("SARGS01", e.user());
        assertEquals(new SecretSource.File(password), e.password());
        assertEquals(TreasuryConfig.Mode.MANAGE, e.mode());
        assertEquals(Duration.ofMillis(1500), e.requestTimeout());
        assertEquals("treasury-storage", t.storageKeyLabel());
        assertEquals(Set.of("treasury-view", "reporting"), t.viewRoles());
        assertEquals(Set.of("treasury-manage"), t.manageRoles());
        assertEquals(Duration.ofSeconds(2), t.pollInterval());
        assertEquals(Duration.ofSeconds(1), t.retryMin());
        assertEquals(Duration.ofSeconds(60), t.retryMax());
        assertEquals(2, t.requestThreads());
        assertEquals(256, t.requestQueue());
        assertEquals(new TreasuryConfig.Xml(4 << 20, 32, 100_000, 16), t.xml());
    }

    @Test
    void readsTheKnobsWhenGiven() throws Exception {
        String yaml = f.yaml() + section().replace("password: {file: " + password + "}", "password: {env: SARGS_EKASE_PASSWORD}")
                + "  pollInterval: 500ms\n  retry: {min: 100ms, max: 10s}\n  requestThreads: 4\n  requestQueue: 32\n"
                + "  xml: {maxBytes: 512KiB, maxDepth: 20, maxElements: 5000, maxAttributes: 8}\n";

        TreasuryConfig t = loader.parse(yaml, "sargs.yaml").treasury().orElseThrow();

        assertEquals(new SecretSource.Environment("SARGS_EKASE_PASSWORD"), t.ekase().password());
        assertEquals(Duration.ofMillis(500), t.pollInterval());
        assertEquals(Duration.ofMillis(100), t.retryMin());
        assertEquals(Duration.ofSeconds(10), t.retryMax());
        assertEquals(4, t.requestThreads());
        assertEquals(32, t.requestQueue());
        assertEquals(new TreasuryConfig.Xml(512 << 10, 20, 5000, 8), t.xml());
    }

    @Test
    void withoutTheSectionTheTreasuryIsOff() throws Exception {
        assertTrue(loader.parse(f.yaml(), "sargs.yaml").treasury().isEmpty());
    }

    @Test
    void listsEveryProblemOfABrokenSection() {
        String yaml = f.yaml() + """
                treasury:
                  ekase:
                    baseUri: http://ekase.example
                    trustedCa: relative/ca.pem
                    clientKey: {label: ekase-client, certificateChain: %s/missing.pem}
                    user: "a:b"
                    password: {file: %s, env: SARGS_EKASE_PASSWORD}
                    mode: manage
                    connectTimeout: 0s
                  roles:
                    view: [treasury-view]
                    manage: [treasury-view]
                  pollInterval: often
                  retry: {min: 10s, max: 1s}
                  xml: {maxBytes: 1GiB, maxDepht: 10}
                  store: {file: /tmp/x}
                """.formatted(dir, password);

        ConfigException e = assertThrows(ConfigException.class, () -> loader.parse(yaml, "sargs.yaml"));

        List<String> problems = e.problems().stream().map(ConfigProblem::toString).toList();
        assertEquals(List.of(
                "treasury.ekase.baseUri: http://ekase.example (expected: an https URI with a host and no query)",
                "treasury.ekase.trustedCa: relative/ca.pem (expected: an absolute path such as /etc/sargs/pki/listener.pem)",
                "treasury.ekase.clientKey.certificateChain: " + dir + "/missing.pem (expected: a readable PEM file of"
                        + " certificates (no such file, or not readable by the service user))",
                "treasury.ekase.user: a:b (expected: a user name without ':' (HTTP Basic))",
                "treasury.ekase.password: both file and env (expected: exactly one of file:"
                        + " /run/credentials/sargs.service/ekase-password or env: SARGS_EKASE_PASSWORD)",
                "treasury.ekase.mode: manage (expected: VIEW or MANAGE, the user's mode as registered at the Treasury)",
                "treasury.ekase.connectTimeout: 0s (expected: a duration 100ms to 1m, written like 500ms, 10s, 2m or 1h)",
                "treasury.ekase.requestTimeout: (missing) (expected: the longest one eKase exchange may take, e.g. 1500ms)",
                "treasury.storageKeyLabel: (missing) (expected: the label of an RSA key on the token from which the"
                        + " payment store's key is derived)",
                "treasury.roles: treasury-view in both view and manage (expected: each role in one mode only)",
                "treasury.pollInterval: often (expected: a duration 10ms to 1h, written like 500ms, 10s, 2m or 1h)",
                "treasury.retry: max 1s below min 10s (expected: max at least min)",
                "treasury.xml.maxBytes: 1GiB (expected: a size 1KiB to 64MiB, written like 512B, 16KiB or 10MiB)",
                "treasury.xml.maxDepht: (unknown key) (expected: one of maxBytes, maxDepth, maxElements, maxAttributes;"
                        + " did you mean maxDepth?)",
                "treasury.store: (unknown key) (expected: one of ekase, storageKeyLabel, roles, pollInterval, retry,"
                        + " requestThreads, requestQueue, xml)"), problems);
    }

    @Test
    void aDocumentTheParserAdmitsMustFitTheBodyLimitAndAnEkaseReportTheClientsBudget() {
        String yaml = f.yaml() + section().replace("requestTimeout: 1500ms", "requestTimeout: 2s")
                + "  xml: {maxBytes: 2MiB}\n";

        ConfigException e = assertThrows(ConfigException.class, () -> loader.parse(yaml, "sargs.yaml"));

        List<String> problems = e.problems().stream().map(ConfigProblem::toString).toList();
        assertEquals(List.of(
                "treasury.xml.maxBytes: 2MiB (expected: at most listeners.client.limits.maxBodySize 1MiB, or a payment"
                        + " the parser admits is refused 413 by the listener)",
                "treasury.ekase.requestTimeout: 2s (expected: with connectTimeout 1s together below"
                        + " listeners.client.limits.requestTimeout 3s, so a slow eKase report is a 502 rather than a 504"
                        + " with the exchange still running)"), problems);
    }
}

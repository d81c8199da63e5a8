package lv.sargs.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import lv.sargs.gateway.Gateway;
import lv.sargs.gateway.config.ConfigLoader;
import lv.sargs.gateway.config.GatewayConfig;
import lv.sargs.gateway.led.LightPlan;
import lv.sargs.gateway.led.Pattern;
import lv.sargs.hsm.KeyInfo;
import lv.sargs.hsm.KeySpec;
import lv.sargs.hsm.Token;
import lv.sargs.hsm.tokens.Tokens;
import lv.sargs.testkit.CertificateAuthority;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console in a real terminal (tmux, 80x24) against a real gateway whose client listener's
 * certificate expires in five days: the console shows the CRITICAL alarm and what to do;
 * acknowledging it turns the gateway's alarm LED (Pi4J mock GPIO) from blinking to steady; a
 * token probe follows; both actions are in the operators' audit trail with the operator's name.
 */
class ConsoleInTerminalIT {

    private static final String ALARM = "certificate.listeners.client.tls.certificateChain";

    @TempDir
    Path dir;

    private final String socket = "sargs-console-it-" + UUID.randomUUID();
    private Gateway gateway;

    @AfterEach
    void stop() throws Exception {
        run("tmux", "-L", socket, "kill-server");
        if (gateway != null) {
            gateway.stop();
        }
    }

    @Test
    void showsTheAlarmAndItsActionAcknowledgesItAndAuditsTheOperatorsActions() throws Exception {
        gateway = startGatewayWithExpiringCertificate();
        Path data = dir.resolve("data");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // Surefire/failsafe start the test JVM through a manifest-only jar; the real class path is here.
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        // The pane stays after the console exits, with its exit code, so a failure shows why.
        String command = String.join(" ", java, "-Xmx64m", "-cp", "'" + classPath + "'",
                ConsoleMain.class.getName(), "--url", "http://127.0.0.1:" + gateway.managementAddress().getPort(),
                "--operator", "night-shift", "--refresh", "1", "; echo console exited $?; sleep 60");
        // Without tmux's status line the pane is the whole 80x24 terminal.
        run("tmux", "-L", socket, "-f", "/dev/null", "new-session", "-d", "-s", "console", "-x", "80", "-y", "24",
                command, ";", "set-option", "status", "off");

        // Drawn whole: the alarm, its action and the key help on the last line.
        String screen = awaitScreen(s -> s.contains(ALARM) && s.contains("Do:   Make a CSR")
                && s.contains("a ack  d deliver stats"));
        assertTrue(screen.contains("CRITICAL NEW"), screen);
        assertTrue(screen.contains("Make a CSR for key 'sargs-listener'"), "the action is on screen:\n" + screen);
        assertTrue(screen.contains("listener.client"), screen);
        for (String line : screen.split("\n")) {
            assertTrue(line.length() <= 80, "fits 80 columns: " + line);
        }
        assertEquals(Pattern.BLINK_FAST, alarmLight());

        run("tmux", "-L", socket, "send-keys", "-t", "console", "a");
        screen = awaitScreen(s -> s.contains("Acknowledged as local:night-shift"));
        assertTrue(screen.contains("CRITICAL ack"), screen);
        assertEquals(Pattern.ON, alarmLight(), "acknowledged: steady");

        run("tmux", "-L", socket, "send-keys", "-t", "console", "p");
        awaitScreen(s -> s.contains("token-probe: token 'demo'"));
        run("tmux", "-L", socket, "send-keys", "-t", "console", "3");
        screen = awaitScreen(s -> s.contains("EXPIRES IN"));
        assertTrue(screen.contains("4 d 23 h") || screen.contains("5 d 0 h"), screen);
        run("tmux", "-L", socket, "send-keys", "-t", "console", "q");

        gateway.stop();
        gateway = null;
        // The gateway's one audit trail: every file of it, whatever rotation made.
        List<String> audit = new java.util.ArrayList<>();
        try (var files = Files.newDirectoryStream(data.resolve("audit"), "*.jsonl")) {
            for (Path f : files) {
                audit.addAll(Files.readAllLines(f));
            }
        }
        assertTrue(audit.stream().anyMatch(l -> l.contains("operator-action") && l.contains("alarm-acknowledge")
                && l.contains("local:night-shift") && l.contains(ALARM)), String.join("\n", audit));
        assertTrue(audit.stream().anyMatch(l -> l.contains("operator-action") && l.contains("token-probe")
                && l.contains("local:night-shift")), String.join("\n", audit));
    }

    private Pattern alarmLight() throws InterruptedException {
        // The lights change on their own 125 ms tick: wait for the next one or two.
        Instant until = Instant.now().plusSeconds(5);
        Pattern p = gateway.lights().orElseThrow().pattern(LightPlan.ALARM).orElseThrow();
        while (Instant.now().isBefore(until)) {
            Thread.sleep(300);
            Pattern now = gateway.lights().orElseThrow().pattern(LightPlan.ALARM).orElseThrow();
            if (now == p) {
                return now;
            }
            p = now;
        }
        return p;
    }

    private String awaitScreen(Predicate<String> shown) throws Exception {
        Instant until = Instant.now().plus(Duration.ofSeconds(60));
        String last = "";
        while (Instant.now().isBefore(until)) {
            last = run("tmux", "-L", socket, "capture-pane", "-p", "-t", "console");
            if (shown.test(last)) {
                return last;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the console never showed what was expected; last screen:\n" + last);
    }

    private Gateway startGatewayWithExpiringCertificate() throws Exception {
        CertificateAuthority ca = CertificateAuthority.create("Sargs Test CA");
        Token token = Tokens.demo();
        KeyInfo key = token.generateKeyPair("sargs-listener", KeySpec.EC_P256);
        Instant now = Instant.now();
        X509Certificate server = ca.issue("localhost").server("localhost", "127.0.0.1")
                .validity(now.minus(Duration.ofDays(300)), now.plus(Duration.ofDays(5))).certify(key.publicKey());
        token.importCertificateChain("sargs-listener", List.of(server));
        Path chain = dir.resolve("listener-chain.pem");
        Files.writeString(chain, pem(server));
        Path clientCa = dir.resolve("clients-ca.pem");
        ca.writeCertificatePem(clientCa);
        Path data = Files.createDirectories(dir.resolve("data"));
        String yaml = """
                version: 1
                listeners:
                  client:
                    bind: 127.0.0.1:0
                    allowList: [127.0.0.1/32]
                    tls:
                      keyLabel: sargs-listener
                      certificateChain: %s
                      clientCa: %s
                      protocols: [TLSv1.3, TLSv1.2]
                    limits:
                      maxHeaderSize: 16KiB
                      maxBodySize: 1MiB
                      idleTimeout: 60s
                      handshakeTimeout: 10s
                      maxConnectionsPerSource: 64
                      maxRequestsInFlight: 256
                      requestTimeout: 3s
                  management:
                    bind: 127.0.0.1:0
                    allowList: [127.0.0.1/32]
                clients: []
                token:
                  demo: true
                dataDirectory: %s
                shutdown:
                  grace: 2s
                operator:
                  alarms: {certificateWarning: 30d, certificateCritical: 7d, upstreamUnavailable: 5m,
                           dataDirectoryMinFree: 1MiB, clockSkew: 60s, checkInterval: 30s}
                  leds:
                    healthGreen: {pin: 17, active: high}
                    healthAmber: {pin: 27, active: high}
                    healthRed: {pin: 22, active: high}
                    alarm: {pin: 25, active: low}
                """.formatted(chain, clientCa, data);
        Path file = dir.resolve("sargs.yaml");
        Files.writeString(file, yaml);
        GatewayConfig config = ConfigLoader.with(Clock.systemUTC(), Map.of()).load(file);
        return Gateway.start(config, "sargs.yaml", token);
    }

    private static String pem(X509Certificate c) throws Exception {
        return "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(c.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }
}

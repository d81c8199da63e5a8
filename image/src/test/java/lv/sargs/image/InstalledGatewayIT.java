package lv.sargs.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lv.sargs.testkit.CertificateAuthority;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The installed package in a throwaway Debian root: the unit passes systemd-analyze, and the
 * installed sargs-gateway, on the package's jlink runtime and as the user sargs, starts with a
 * SoftHSM2 token whose key the installed sargs-admin made, answers /readyz 200, logs every line
 * with its journal priority, and exits 0 on SIGTERM. Prints start-to-ready and idle RSS (figures,
 * not assertions: speed is measured in bench).
 */
class InstalledGatewayIT {

    private static final Pattern STARTED = Pattern.compile(
            "gateway started on \\w+: client listener /127\\.0\\.0\\.1:(\\d+), management listener /127\\.0\\.0\\.1:(\\d+)");
    private static final Map<String, String> SOFTHSM = Map.of("SOFTHSM2_CONF", "/var/lib/sargs/softhsm/softhsm2.conf");
    private static final String CONFIG = "/etc/sargs/test/sargs.yaml";

    @TempDir
    static Path dir;
    static Chroot root;

    @BeforeAll
    static void install() {
        root = Chroot.fresh(dir.resolve("root"));
        root.run("dpkg", "--install", root.copyIn(BuiltPackage.deb())).ok();
    }

    @Test
    void theInstalledUnitPassesSystemdAnalyze() {
        Cmd verify = root.run("systemd-analyze", "verify", "/lib/systemd/system/sargs.service");
        assertEquals(0, verify.exit(), verify.output());
        assertEquals("", verify.output().strip(), "systemd-analyze verify is silent on a clean unit");

        Cmd security = root.run("systemd-analyze", "security", "--offline=yes", "--threshold=20",
                "/lib/systemd/system/sargs.service");
        assertEquals(0, security.exit(), "exposure above 2.0:\n" + security.output());
        Matcher level = Pattern.compile("Overall exposure level for sargs\\.service: (\\d+\\.\\d)").matcher(security.output());
        assertTrue(level.find(), security.output());
        System.out.println("[image figures] systemd-analyze security exposure: " + level.group(1));
        assertTrue(Double.parseDouble(level.group(1)) <= 2.0, security.output());

        String unit = root.run("cat", "/lib/systemd/system/sargs.service").ok();
        assertTrue(unit.contains("\nRestart=on-failure\n") && unit.contains("\nStartLimitBurst=") && unit.contains(
                "\nStartLimitIntervalSec="), "restarted on failure, within a start limit");
    }

    @Test
    void theInstalledGatewayStartsOnItsRuntimeWithASoftHsmTokenAndStopsOnSigterm() throws Exception {
        CertificateAuthority ca = CertificateAuthority.create("Sargs Image Test CA");
        prepareToken();
        Files.createDirectories(root.path("/etc/sargs/test"));
        Files.writeString(root.path("/etc/sargs/test/clients-ca.pem"), ca.certificatePem());
        Files.writeString(root.path(CONFIG), config(fingerprint(ca.issue("core-banking").client().build().certificate())));
        Files.writeString(root.path("/etc/sargs/test/token.pin"), "4711-user\n");
        root.run("sh", "-c", "chown sargs:sargs /etc/sargs/test/token.pin && chmod 600 /etc/sargs/test/token.pin").ok();

        sargsAdmin("keys", "--config", CONFIG, "generate", "--label", "sargs-listener", "--type", "EC_P256");
        sargsAdmin("keys", "--config", CONFIG, "csr", "--label", "sargs-listener", "--subject", "CN=localhost",
                "--dns", "localhost", "--ip", "127.0.0.1", "--out", "/var/lib/sargs/listener.csr");
        X509Certificate leaf = ca.issue("localhost").server("localhost", "127.0.0.1").certify(
                publicKeyOf(root.path("/var/lib/sargs/listener.csr")));
        Files.writeString(root.path("/etc/sargs/test/listener-chain.pem"), pem(leaf) + ca.certificatePem());
        assertTrue(sargsAdmin("check", "--config", CONFIG).contains("valid"));

        Map<String, String> env = new java.util.HashMap<>(SOFTHSM);
        env.put("SARGS_LOG", "journal");
        long t0 = System.nanoTime();
        Process gateway = new ProcessBuilder(root.command("sargs", env, "/usr/bin/sargs-gateway", "--config", CONFIG))
                .redirectErrorStream(true).start();
        Lines lines = new Lines(gateway);
        try {
            Matcher ports = lines.await(STARTED, 180);
            int management = Integer.parseInt(ports.group(2));
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            HttpRequest readyz = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + management + "/readyz"))
                    .timeout(Duration.ofSeconds(5)).build();
            HttpResponse<String> ready = http.send(readyz, HttpResponse.BodyHandlers.ofString());
            while (ready.statusCode() != 200 && System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(180)) {
                Thread.sleep(20);
                ready = http.send(readyz, HttpResponse.BodyHandlers.ofString());
            }
            long readyMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            long readyCpuMillis = cpuMillis(gateway.pid());
            assertEquals(200, ready.statusCode(), ready.body() + "\n" + lines.all());
            Thread.sleep(5_000);
            String rss = Files.readAllLines(Path.of("/proc/" + gateway.pid() + "/status")).stream()
                    .filter(l -> l.startsWith("VmRSS:")).findFirst().orElse("VmRSS: ?");
            System.out.println("[image figures] installed gateway: start to /readyz 200 " + readyMillis
                    + " ms, " + readyCpuMillis + " ms of CPU (this run, machine load " + Files.readString(Path.of("/proc/loadavg")).strip() + "); idle "
                    + rss.replaceAll("\\s+", " "));

            assertTrue(gateway.toHandle().destroy(), "SIGTERM sent");
            assertTrue(gateway.waitFor(60, TimeUnit.SECONDS), "stopped within the unit's TimeoutStopSec\n" + lines.all());
            lines.drain();
            assertEquals(0, gateway.exitValue(), lines.all());
            assertTrue(lines.all().contains("gateway stopped"), lines.all());
            assertJournalPriorities(lines.seen);
        } finally {
            gateway.destroyForcibly();
        }
    }

    /** Every line starts with the syslog priority of its level, so that journalctl -p filters it exactly. */
    private static void assertJournalPriorities(List<String> output) {
        assertTrue(output.size() > 3, String.join("\n", output));
        String previous = "<6>";
        for (String line : output) {
            assertTrue(line.matches("<[3467]>.*"), "no journal priority on: " + line);
            String priority = line.substring(0, 3);
            if (line.matches("<.>\\S+ ERROR .*")) {
                assertEquals("<3>", priority, line);
            } else if (line.matches("<.>\\S+ WARN .*")) {
                assertEquals("<4>", priority, line);
            } else if (line.matches("<.>\\S+ INFO .*")) {
                assertEquals("<6>", priority, line);
            } else {
                assertEquals(previous, priority, "a continuation line keeps its entry's priority: " + line);
            }
            previous = priority;
        }
    }

    /** The CPU time (user and system) the process has used so far, from /proc/PID/stat (ticks of 10 ms). */
    private static long cpuMillis(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;
    }

    private static void prepareToken() {
        root.run("sh", "-c", "mkdir -p /var/lib/sargs/softhsm/tokens"
                + " && printf 'directories.tokendir = /var/lib/sargs/softhsm/tokens\\nobjectstore.backend = file\\n"
                + "log.level = ERROR\\n' > /var/lib/sargs/softhsm/softhsm2.conf"
                + " && chown -R sargs:sargs /var/lib/sargs/softhsm").ok();
        root.runAs("sargs", SOFTHSM, "softhsm2-util", "--init-token", "--free", "--label", "sargs",
                "--pin", "4711-user", "--so-pin", "5678-so").ok();
    }

    private static String sargsAdmin(String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "/usr/bin/sargs-admin";
        System.arraycopy(args, 0, command, 1, args.length);
        return root.runAs("sargs", SOFTHSM, command).ok();
    }

    private static PublicKey publicKeyOf(Path csr) throws Exception {
        String pem = Cmd.ok("openssl", "req", "-in", csr.toString(), "-noout", "-pubkey");
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der));
    }

    private static String pem(X509Certificate certificate) throws Exception {
        return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(certificate.getEncoded()) + "\n-----END CERTIFICATE-----\n";
    }

    private static String fingerprint(X509Certificate certificate) throws Exception {
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(
                MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
    }

    private static String config(String clientFingerprint) {
        return """
                version: 1
                listeners:
                  client:
                    bind: 127.0.0.1:0
                    allowList: [127.0.0.1/32]
                    tls:
                      keyLabel: sargs-listener
                      certificateChain: /etc/sargs/test/listener-chain.pem
                      clientCa: /etc/sargs/test/clients-ca.pem
                      protocols: [TLSv1.3, TLSv1.2]
                      provider: JDK
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
                clients:
                  - name: core-banking
                    certificate:
                      sha256: "%s"
                    sources: [127.0.0.1/32]
                    roles: [lookup]
                    purposes: [kyc]
                token:
                  pkcs11:
                    library: /usr/lib/softhsm/libsofthsm2.so
                    tokenLabel: sargs
                    pin:
                      file: /etc/sargs/test/token.pin
                    queueCapacity: 64
                    operationDeadline: 5s
                    probeInterval: 1s
                dataDirectory: /var/lib/sargs
                shutdown:
                  grace: 5s
                """.formatted(clientFingerprint);
    }

    /** The gateway's output, line by line, as it comes. */
    private static final class Lines {
        private final BlockingQueue<String> unread = new LinkedBlockingQueue<>();
        final List<String> seen = new CopyOnWriteArrayList<>();
        private final Thread reader;

        Lines(Process process) {
            reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        System.out.println("[installed gateway] " + line);
                        unread.add(line);
                    }
                } catch (IOException e) {
                    unread.add("(output closed: " + e + ")");
                }
            }, "installed-gateway-output");
            reader.setDaemon(true);
            reader.start();
        }

        Matcher await(Pattern pattern, long seconds) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (System.nanoTime() < deadline) {
                String line = unread.poll(100, TimeUnit.MILLISECONDS);
                if (line != null) {
                    seen.add(line);
                    Matcher m = pattern.matcher(line);
                    if (m.find()) {
                        return m;
                    }
                } else if (!reader.isAlive() && unread.isEmpty()) {
                    break;
                }
            }
            throw new AssertionError("the installed gateway never logged " + pattern + "; it logged:\n" + all());
        }

        void drain() throws InterruptedException {
            reader.join(TimeUnit.SECONDS.toMillis(10));
            unread.drainTo(seen);
        }

        String all() {
            unread.drainTo(seen);
            return String.join("\n", seen);
        }
    }
}

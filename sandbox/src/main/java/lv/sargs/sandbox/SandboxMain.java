package lv.sargs.sandbox;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import lv.sargs.sandbox.admin.AdminServer;
import lv.sargs.sandbox.admin.SimulatorControls;
import lv.sargs.sandbox.fault.FaultPlan;
import lv.sargs.sandbox.fault.Faults;
import org.tinylog.Logger;
import org.tinylog.configuration.Configuration;

/**
 * Starts every simulator on loopback until Ctrl-C — VISS, the population register, VID, eKase and
 * Latvijas Banka's SFTP file exchange — prints their addresses, and writes the CA certificate to
 * trust and the default client's credentials (valid at all of them) to a directory.
 *
 * <pre>
 * SandboxMain [--seed N] [--viss-port P] [--fpr-port P] [--admin-port P] [--out DIR (default: a new temp dir)]
 *             [--token-lifetime SECONDS] [--rate-limit PER_SECOND]
 *             [--fault SIMULATOR:ENDPOINT=PLAN]...   e.g. --fault viss:legal-entity=latency=200ms/2s,error=0.05
 * </pre>
 */
public final class SandboxMain {

    private SandboxMain() {
    }

    /** Entry point; exits 2 on a bad argument. */
    public static void main(String[] args) throws IOException, InterruptedException {
        configureLogging();
        Arguments parsed;
        try {
            parsed = Arguments.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("sandbox: " + e.getMessage());
            System.exit(2);
            return;
        }
        Logger.info("starting: generating the world (seed {}) and minting certificates", parsed.options.seed());
        Sandbox sandbox = Sandbox.start(parsed.options);
        Path out = parsed.outDirectory();
        writeFiles(sandbox, out);
        TreasuryAndStatistics more = TreasuryAndStatistics.start(sandbox, out);
        AdminServer admin;
        Map<String, SimulatorControls> controls = Map.of(
                "viss", new SimulatorControls(sandbox.viss().faults(), sandbox.viss().calls()),
                "fpr", new SimulatorControls(sandbox.fpr().faults(), sandbox.fpr().calls()),
                "vid", new SimulatorControls(sandbox.vid().faults(), sandbox.vid().calls()),
                "ekase", new SimulatorControls(more.ekase().faults(), more.ekase().calls(), more.ekase().replays()));
        try {
            for (String[] fault : parsed.faults) {
                applyFault(controls, fault);
            }
            admin = AdminServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), parsed.adminPort), controls);
        } catch (IllegalArgumentException e) {
            more.close();
            sandbox.close();
            System.err.println("sandbox: " + e.getMessage());
            System.exit(2);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            admin.close();
            more.close();
            sandbox.close();
            stopped.countDown();
        }, "sandbox-shutdown"));
        print(System.out, sandbox, admin, out);
        more.print(System.out);
        System.out.println();
        System.out.print(sandbox.caCertificatePem());
        System.out.flush();
        stopped.await();
    }

    /** Info and up to stderr, so stdout carries only the addresses; unless the user configured tinylog. */
    private static void configureLogging() {
        if (System.getProperty("tinylog.configuration") == null
                && SandboxMain.class.getResource("/tinylog.properties") == null) {
            Configuration.set("writer", "console");
            Configuration.set("writer.stream", "err");
            Configuration.set("writer.level", "info");
            Configuration.set("writer.format", "{date: HH:mm:ss.SSS} {level} {class-name}: {message}");
        }
    }

    private static void applyFault(Map<String, SimulatorControls> controls, String[] fault) {
        SimulatorControls sim = controls.get(fault[0]);
        if (sim == null) {
            throw new IllegalArgumentException("--fault simulator: " + fault[0] + " (expected: viss, fpr, vid or ekase)");
        }
        Faults faults = sim.faults();
        if (fault[1].equals("*")) {
            faults.setAll(FaultPlan.parse(fault[2]));
        } else {
            faults.set(fault[1], FaultPlan.parse(fault[2]));
        }
    }

    private static void writeFiles(Sandbox sandbox, Path out) throws IOException {
        Files.createDirectories(out);
        sandbox.certificateAuthority().writeCertificatePem(out.resolve("ca.pem"));
        sandbox.defaultClientCertificate().writePem(out.resolve("client-chain.pem"), out.resolve("client-key.pem"));
        Path secret = out.resolve("client-secret.txt");
        Files.deleteIfExists(secret);
        Files.createFile(secret, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        char[] value = sandbox.defaultClient().clientSecret();
        try {
            Files.writeString(secret, new String(value) + "\n", StandardCharsets.US_ASCII);
        } finally {
            Arrays.fill(value, '\0');
        }
    }

    private static void print(PrintStream out, Sandbox sandbox, AdminServer admin, Path dir) {
        out.println("Sargs sandbox (seed " + sandbox.world().generator().seed() + ") — Ctrl-C stops it");
        out.println("  VISS API Pārvaldnieks  " + sandbox.viss().baseUri() + "   aud=" + sandbox.viss().audience());
        out.println("  population register   " + sandbox.fpr().baseUri() + "   X-DAGR-Permission: "
                + sandbox.fpr().permission());
        out.println("  State Revenue Service " + sandbox.vid().baseUri() + "   (VID; interface unconfirmed, mTLS only)");
        out.println("  admin (faults, calls) " + admin.baseUri() + "/");
        out.println("  trust this CA         " + dir.resolve("ca.pem").toAbsolutePath());
        out.println("  client id             " + sandbox.defaultClient().clientId() + " (every simulator)");
        out.println("  client certificate    " + dir.resolve("client-chain.pem").toAbsolutePath()
                + " + client-key.pem, secret in client-secret.txt");
    }

    /** The command line, validated. */
    private static final class Arguments {
        SandboxOptions options = SandboxOptions.defaults();
        int vissPort;
        int fprPort;
        int adminPort;
        Path out;
        final List<String[]> faults = new ArrayList<>();

        static Arguments parse(String[] args) {
            Arguments a = new Arguments();
            for (int i = 0; i < args.length; i++) {
                String flag = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(flag + ": missing value");
                }
                String value = args[++i];
                switch (flag) {
                    case "--seed" -> a.options = a.options.withSeed(number(flag, value));
                    case "--viss-port" -> a.vissPort = (int) number(flag, value);
                    case "--fpr-port" -> a.fprPort = (int) number(flag, value);
                    case "--admin-port" -> a.adminPort = (int) number(flag, value);
                    case "--out" -> a.out = Path.of(value);
                    case "--token-lifetime" -> {
                        Duration lifetime = Duration.ofSeconds(number(flag, value));
                        a.options = a.options.withViss(a.options.viss().withTokenLifetime(lifetime))
                                .withFpr(a.options.fpr().withTokenLifetime(lifetime));
                    }
                    case "--rate-limit" -> a.options = a.options.withViss(a.options.viss()
                            .withRateLimit((int) number(flag, value), Duration.ofSeconds(1)));
                    case "--fault" -> a.faults.add(fault(value));
                    default -> throw new IllegalArgumentException(flag + " (expected: --seed, --viss-port, --fpr-port, "
                            + "--admin-port, --out, --token-lifetime, --rate-limit or --fault)");
                }
            }
            a.options = a.options.withPorts(a.vissPort, a.fprPort);
            return a;
        }

        /** The output directory: as given, else a fresh temporary one, never inside a work tree by surprise. */
        Path outDirectory() throws IOException {
            return out != null ? out : Files.createTempDirectory("sargs-sandbox-");
        }

        private static String[] fault(String value) {
            int colon = value.indexOf(':');
            int equals = value.indexOf('=');
            if (colon < 1 || equals < colon + 2) {
                throw new IllegalArgumentException("--fault: " + value + " (expected: SIMULATOR:ENDPOINT=PLAN)");
            }
            return new String[] {value.substring(0, colon), value.substring(colon + 1, equals), value.substring(equals + 1)};
        }

        private static long number(String flag, String value) {
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(flag + ": " + value + " (expected: a number)", e);
            }
        }
    }
}

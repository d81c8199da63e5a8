package lv.sargs.sandbox.demo;

import java.io.Closeable;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import lv.sargs.gateway.Gateway;
import lv.sargs.gateway.Main;
import lv.sargs.gateway.capability.StartupException;
import lv.sargs.gateway.config.ConfigException;
import lv.sargs.gateway.config.ConfigLoader;
import lv.sargs.gateway.config.ConfigProblem;
import lv.sargs.gateway.config.GatewayConfig;
import lv.sargs.gateway.config.TlsProvider;
import lv.sargs.hsm.Token;
import lv.sargs.hsm.tokens.Tokens;
import lv.sargs.sandbox.Sandbox;
import lv.sargs.sandbox.SandboxOptions;
import org.tinylog.Logger;

/**
 * The demo (scripts/demo): mints a throwaway PKI, writes the config it uses into the named
 * (git-ignored) folder, starts the upstream simulators and the gateway in this JVM on
 * 127.0.0.1:8443 (client) and 127.0.0.1:9090 (management) with the demo token, and prints the
 * URLs and a curl line that works as printed. NOT FOR PRODUCTION. Stop it with Ctrl-C.
 */
public final class Demo {

    /** The label of the demo token's RSA key that signs the audit trail's checkpoints. */
    static final String AUDIT_KEY = "sargs-audit";

    private Demo() {
    }

    public static void main(String[] args) throws IOException {
        PrintStream out = System.out;
        String vissFault = null;
        // Null: the shipped default (OPENSSL); the flag picks one for side-by-side load scenarios.
        TlsProvider tlsProvider = null;
        boolean usage = args.length < 2 || args.length % 2 != 0 || !args[0].equals("--dir");
        for (int i = 2; !usage && i < args.length; i += 2) {
            if (args[i].equals("--viss-fault")) {
                vissFault = args[i + 1];
            } else if (args[i].equals("--tls-provider") && (args[i + 1].equals("JDK") || args[i + 1].equals("OPENSSL"))) {
                tlsProvider = TlsProvider.valueOf(args[i + 1]);
            } else {
                usage = true;
            }
        }
        if (usage) {
            System.err.println("usage: Demo --dir <folder for the demo's PKI, config, data and logs>"
                    + " [--viss-fault <plan, e.g. latency=50ms/60ms or stall=1.0/6s>] [--tls-provider JDK|OPENSSL]");
            System.exit(Main.EXIT_USAGE);
        }
        Path dir = Files.createDirectories(Path.of(args[1])).toAbsolutePath().normalize();
        Path logs = Files.createDirectories(dir.resolve("logs"));
        logToFileToo(logs.resolve("sargs.log"));

        Token token = Tokens.demo();
        DemoPki pki = DemoPki.mint(dir, token);
        Path data = dataDirectory(dir);
        Path configFile = dir.resolve("sargs.yaml");
        // The simulators start first: the config names their addresses and CA.
        Sandbox sandbox = Sandbox.start(SandboxOptions.defaults());
        if (vissFault != null) {
            // For load scenarios (bench): every VISS endpoint but the token one misbehaves as told.
            lv.sargs.sandbox.fault.FaultPlan plan = lv.sargs.sandbox.fault.FaultPlan.parse(vissFault);
            for (String endpoint : sandbox.viss().faults().endpoints()) {
                if (!endpoint.equals(lv.sargs.sandbox.viss.VissSimulator.TOKEN)) {
                    sandbox.viss().faults().set(endpoint, plan);
                }
            }
        }
        List<Closeable> upstreams = new ArrayList<>();
        upstreams.add(sandbox::close);
        String lookups = LookupsWiring.prepare(sandbox, token, dir.resolve("registers"), "24h", "72h");
        StatisticsWiring.Prepared statistics = StatisticsWiring.start(dir.resolve("lb"), token, pki.ca());
        upstreams.add(statistics.exchange()::close);
        TreasuryWiring.SandboxEkase ekase = TreasuryWiring.startEkase();
        upstreams.add(ekase::close);
        String treasury = TreasuryWiring.prepare(ekase, token, dir.resolve("treasury"),
                lv.sargs.gateway.treasury.ekase.EkaseMode.MANAGE);
        // The audit trail's own RSA key: it signs the checkpoints and keys the subjects' pseudonyms.
        token.generateKeyPair(AUDIT_KEY, lv.sargs.hsm.KeySpec.RSA_2048);
        String audit = """

                audit:
                  keyLabel: %s
                  checkpointEvery: 1000
                  checkpointInterval: 1m
                  rotateSize: 64MiB
                  queueCapacity: 10000
                """.formatted(AUDIT_KEY);
        Files.writeString(configFile, DemoConfig.yaml(pki, data, lookups + statistics.yaml() + treasury + audit,
                tlsProvider),
                StandardCharsets.UTF_8);

        GatewayConfig config;
        try {
            config = ConfigLoader.system().load(configFile);
        } catch (ConfigException e) {
            System.err.println("demo: the config it wrote is invalid (a bug in the demo):");
            for (ConfigProblem p : e.problems()) {
                System.err.println("  " + p);
            }
            token.close();
            closeAll(upstreams);
            System.exit(Main.EXIT_CONFIG);
            return;
        }

        Gateway gateway;
        try {
            gateway = Gateway.start(config, configFile.toString(), token);
        } catch (StartupException e) {
            System.err.println("demo: the gateway did not start: " + e.getMessage());
            closeAll(upstreams);
            System.exit(e.code().exitCode());
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            gateway.stop();
            closeAll(upstreams);
            // Logging writes on its own thread and does not shut down by itself: flush the last lines.
            try {
                org.tinylog.provider.ProviderRegistry.getLoggingProvider().shutdown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "demo-shutdown"));

        out.println();
        out.println("Sargs demo running. NOT FOR PRODUCTION: demo token, keys in memory, throwaway PKI.");
        out.println("  client listener     https://127.0.0.1:" + gateway.clientAddress().getPort()
                + "  (mutual TLS: declared client certificates only)");
        out.println("  management listener http://127.0.0.1:" + gateway.managementAddress().getPort()
                + "  (/healthz /readyz /v1/status /metrics)");
        out.println("  config " + configFile + ", PKI " + pki.caFile.getParent() + ", logs " + logs);
        out.println();
        out.println("Ask the gateway who you are, as the core system '" + DemoPki.CLIENT + "':");
        out.println("  curl --cacert " + pki.caFile + " --cert " + pki.clientCertificate + " --key " + pki.clientKey
                + " https://127.0.0.1:" + gateway.clientAddress().getPort() + "/v1/whoami");
        String company = sandbox.world().companies().get(0).registrationNumber();
        String person = sandbox.world().persons().get(0).personalCode();
        String asClient = "curl --cacert " + pki.caFile + " --cert " + pki.clientCertificate + " --key " + pki.clientKey;
        String base = "https://127.0.0.1:" + gateway.clientAddress().getPort();
        String curl = asClient + " -H 'Sargs-Purpose: kyc' " + base;
        out.println("Look up a company and a person (the registers are simulated; run it twice to see the cache):");
        out.println("  " + curl + "/v1/companies/" + company);
        out.println("  " + curl + "/v1/persons/" + person);
        out.println("Send a statistical report to (simulated) Latvijas Banka, then follow it at the Location it answers:");
        out.println("  " + asClient + " -i -H 'Content-Type: text/plain' --data-binary @" + statistics.sampleReport()
                + " '" + base + "/v1/statistics/reports?prefix=K01&periodEnd=2026-10-31'");
        out.println("Pay from a Treasury account (simulated eKase), then read the account's report for today:");
        out.println("  " + asClient + " -i " + base + "/v1/treasury/payments -H 'Idempotency-Key: demo-1'"
                + " -H 'Content-Type: application/json' -d '{\"debtor\":{\"name\":\"Valsts iestade A\","
                + "\"iban\":\"LV34TREL2200000000001\"},\"transfers\":[{\"amount\":\"12.34\",\"creditor\":"
                + "{\"name\":\"SIA Piegadatajs\",\"iban\":\"LV44HABA0551000000001\"},\"creditorBic\":\"HABALV22\"}]}'");
        out.println("  " + asClient + " " + base + "/v1/treasury/accounts/LV34TREL2200000000001/report");
        out.println("Status:");
        out.println("  curl http://127.0.0.1:" + gateway.managementAddress().getPort() + "/v1/status");
        out.println();
        out.println("Stop with Ctrl-C.");
        Logger.info("demo ready in {}", dir);
    }

    /**
     * A fresh data directory: every run mints a new demo token, whose storage key cannot open the
     * previous run's encrypted stores.
     */
    private static Path dataDirectory(Path dir) throws IOException {
        Path data = dir.resolve("data");
        if (Files.exists(data)) {
            try (var files = Files.walk(data)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        return Files.createDirectories(data);
    }

    /** Console (as everywhere) plus {@code <dir>/logs/sargs.log}; must run before the first log line. */
    private static void logToFileToo(Path file) {
        System.setProperty("tinylog.writerDemoFile", "file");
        System.setProperty("tinylog.writerDemoFile.file", file.toString());
        System.setProperty("tinylog.writerDemoFile.level", "info");
        System.setProperty("tinylog.writerDemoFile.format",
                "{date: yyyy-MM-dd'T'HH:mm:ss.SSSXXX} {level|min-size=5} [{thread}] {message}");
    }

    private static void closeAll(List<Closeable> resources) {
        for (Closeable r : resources) {
            try {
                r.close();
            } catch (IOException | RuntimeException e) {
                // A simulator that fails to close must not keep the others (or the JVM) running.
                Logger.warn("demo: closing {} failed: {}", r, e.toString());
            }
        }
    }
}

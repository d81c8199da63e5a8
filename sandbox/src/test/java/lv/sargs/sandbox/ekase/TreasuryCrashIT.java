package lv.sargs.sandbox.ekase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import lv.sargs.testkit.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the Treasury service with SIGKILL ({@code Process.destroyForcibly()}) at each step where a
 * crash could lose or duplicate a payment, restarts it on the same store, and proves the
 * Treasury received and booked the payment exactly once.
 */
class TreasuryCrashIT {

    private static final char[] P12_PASSWORD = "p12-pass".toCharArray();

    @TempDir
    Path dir;
    private TreasuryWorld world;
    private final List<Process> started = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        world = new TreasuryWorld();
    }

    @AfterEach
    void stop() throws InterruptedException {
        for (Process p : started) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        world.close();
    }

    @ParameterizedTest(name = "killed at {0}")
    @ValueSource(strings = {"STORED", "SENDING", "SENT"})
    void killedServiceDeliversThePaymentExactlyOnceAfterRestart(String step) throws Exception {
        Path store = dir.resolve("payments.mv");
        Path json = dir.resolve("payment.json");
        Files.writeString(json, TreasuryServiceTest.json("77.00", TreasuryWorld.CREDITOR));

        Child first = launch(step, "submit", "key-" + step, json.toString());
        String[] stored = first.await("STORED ").split(" ");
        String id = stored[1];
        String endToEndId = stored[2];
        first.await("PAUSED " + step);
        first.process.destroyForcibly();
        assertTrue(first.process.waitFor(10, TimeUnit.SECONDS));
        assertEquals(137, first.process.exitValue(), "SIGKILL");
        assertEquals(step.equals("SENT") ? 1 : 0, world.simulator.arrivals(endToEndId), "arrivals before the restart");

        Child second = launch("", "resume", id);
        assertEquals("FINAL " + id + " BOOKED", second.await("FINAL "));
        assertTrue(second.process.waitFor(10, TimeUnit.SECONDS));
        assertEquals(1, world.simulator.arrivals(endToEndId), "arrivals at the Treasury");
        assertEquals(1, world.simulator.distinctPayments());
        assertEquals(1, world.simulator.bookings(endToEndId));
    }

    private Child launch(String pauseAt, String... command) throws IOException {
        Path ca = dir.resolve("ca.pem");
        Path p12 = dir.resolve("client.p12");
        if (!Files.exists(p12)) {
            world.ca.writeCertificatePem(ca);
            HeldCertificate client = world.ca.issue("sargs-gateway").client().build();
            try (var out = Files.newOutputStream(p12)) {
                client.keyStore("ekase", P12_PASSWORD).store(out, P12_PASSWORD);
            } catch (java.security.GeneralSecurityException e) {
                throw new IOException(e);
            }
        }
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-XX:+UseSerialGC", "-Dsargs.test.pauseAt=" + pauseAt,
                "-cp", System.getProperty("java.class.path"), TreasuryProcess.class.getName(),
                dir.resolve("payments.mv").toString(), world.simulator.uri().toString(), ca.toString(), p12.toString(),
                new String(P12_PASSWORD), TreasuryWorld.MANAGER, new String(TreasuryWorld.MANAGER_PASSWORD)));
        cmd.addAll(List.of(command));
        Process process = new ProcessBuilder(cmd).redirectError(dir.resolve("child-" + started.size() + ".err").toFile())
                .start();
        started.add(process);
        return new Child(process);
    }

    /** A child JVM whose stdout lines are collected on a reader thread. */
    private static final class Child {
        final Process process;
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

        Child(Process process) {
            this.process = process;
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        lines.add(line);
                    }
                } catch (IOException e) {
                    lines.add("READ FAILED " + e.getMessage());
                }
            }, "child-stdout");
            reader.setDaemon(true);
            reader.start();
        }

        String await(String prefix) throws InterruptedException {
            List<String> seen = new ArrayList<>();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < end) {
                String line = lines.poll(100, TimeUnit.MILLISECONDS);
                if (line != null && line.startsWith(prefix)) {
                    lines.addAll(seen);
                    return line;
                }
                if (line != null) {
                    seen.add(line);
                }
            }
            throw new AssertionError("no line starting '" + prefix + "' within 30 s; saw " + seen);
        }
    }
}

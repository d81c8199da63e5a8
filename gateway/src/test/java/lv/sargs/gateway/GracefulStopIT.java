package lv.sargs.gateway;

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
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lv.sargs.gateway.config.ConfigFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway as a real process: SIGTERM lets an in-flight request finish, then the process exits 0. */
class GracefulStopIT {

    private static final Pattern STARTED = Pattern.compile(
            "gateway started on \\w+: client listener /127\\.0\\.0\\.1:(\\d+), management listener /127\\.0\\.0\\.1:(\\d+)");

    @TempDir
    Path dir;

    private Process process;
    private Thread reader;
    private final BlockingQueue<String> output = new LinkedBlockingQueue<>();

    @AfterEach
    void kill() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
    }

    @Test
    void sigtermLetsTheInFlightRequestFinishAndExitsZero() throws Exception {
        ConfigFixture f = new ConfigFixture(dir);
        Path config = f.write();
        start(SlowGatewayMain.class.getName(), "--config", config.toString());
        Matcher ports = await(STARTED);
        int clientPort = Integer.parseInt(ports.group(1));

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        CompletableFuture<HttpResponse<String>> slow = http.sendAsync(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + clientPort + "/slow?ms=1500"))
                        .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        await(Pattern.compile(Pattern.quote(SlowHttpService.STARTED)));

        // SIGTERM, as systemd sends it. (Process.destroy() would also close our end of its output.)
        assertTrue(process.toHandle().destroy());

        HttpResponse<String> response = slow.get(20, TimeUnit.SECONDS);
        assertEquals(200, response.statusCode());
        assertEquals("done after 1500 ms\n", response.body());
        assertTrue(process.waitFor(20, TimeUnit.SECONDS), "the gateway stopped within the grace period");
        reader.join(5000);
        assertEquals(0, process.exitValue(), String.join("\n", drained()));
        assertTrue(String.join("\n", drained()).contains("gateway stopped"), "the stop was orderly");
    }

    private void start(String mainClass, String... args) throws IOException {
        String java = ProcessHandle.current().info().command().orElse(
                Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new java.util.ArrayList<>(List.of(java, "-Xmx128m", "-XX:+UseSerialGC", "-cp", classPath,
                mainClass));
        command.addAll(List.of(args));
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    System.out.println("[gateway] " + line);
                    output.add(line);
                }
            } catch (IOException e) {
                output.add("(output closed: " + e + ")");
            }
        }, "gateway-output");
        reader.setDaemon(true);
        reader.start();
    }

    private final List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();

    private Matcher await(Pattern pattern) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            String line = output.poll(100, TimeUnit.MILLISECONDS);
            if (line == null) {
                if (!process.isAlive() && output.isEmpty()) {
                    break;
                }
                continue;
            }
            seen.add(line);
            Matcher m = pattern.matcher(line);
            if (m.find()) {
                return m;
            }
        }
        throw new AssertionError("the gateway never logged " + pattern + "; it logged:\n" + String.join("\n", seen));
    }

    private List<String> drained() {
        output.drainTo(seen);
        return seen;
    }
}

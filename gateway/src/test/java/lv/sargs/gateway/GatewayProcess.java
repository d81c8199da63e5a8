package lv.sargs.gateway;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A gateway started as a real JVM process on this module's test class path, with the same
 * {@code java} binary, its output (stdout and stderr) collected line by line; always {@link #close}d.
 */
final class GatewayProcess implements AutoCloseable {

    /** The SunPKCS11 internals hsm-bridge reaches, as every JVM running it must allow (docs/hsm.md). */
    static final String PKCS11_EXPORTS = "jdk.crypto.cryptoki/sun.security.pkcs11.wrapper=ALL-UNNAMED";

    private final Process process;
    private final Thread reader;
    private final BlockingQueue<String> unread = new LinkedBlockingQueue<>();
    private final List<String> seen = new CopyOnWriteArrayList<>();

    private GatewayProcess(Process process) {
        this.process = process;
        this.reader = new Thread(this::read, "gateway-output");
        reader.setDaemon(true);
        reader.start();
    }

    static GatewayProcess start(Class<?> mainClass, String... args) throws IOException {
        String java = ProcessHandle.current().info().command().orElse(
                Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(java, "-Xmx128m", "-XX:+UseSerialGC",
                "--add-exports", PKCS11_EXPORTS, "-cp", classPath, mainClass.getName()));
        command.addAll(List.of(args));
        return new GatewayProcess(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    Process process() {
        return process;
    }

    /** Waits for a line matching {@code pattern}; fails with everything logged so far when none comes. */
    Matcher await(Pattern pattern, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            String line = unread.poll(100, TimeUnit.MILLISECONDS);
            if (line == null) {
                if (!process.isAlive() && !reader.isAlive() && unread.isEmpty()) {
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
        throw new AssertionError("the gateway never logged " + pattern + "; it logged:\n" + output());
    }

    /** Waits for the process to end and for its last line to be read; its exit code. */
    int awaitExit(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            throw new AssertionError("the gateway did not exit within " + seconds + " s; it logged:\n" + output());
        }
        reader.join(TimeUnit.SECONDS.toMillis(5));
        return process.exitValue();
    }

    /** Everything it printed so far. */
    String output() {
        unread.drainTo(seen);
        return String.join("\n", seen);
    }

    /** SIGTERM, as systemd sends it. (Process.destroy() would also close our end of its output.) */
    boolean terminate() {
        return process.toHandle().destroy();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                System.out.println("[gateway] " + line);
                unread.add(line);
            }
        } catch (IOException e) {
            unread.add("(output closed: " + e + ")");
        }
    }
}

package lv.sargs.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A real command run to its end with its output (stdout and stderr merged) collected; the image tests' only way to act. */
record Cmd(List<String> command, int exit, String output) {

    /** Runs {@code command} in {@code dir} with {@code env} added; fails the test after {@code minutes}. */
    static Cmd run(Path dir, Map<String, String> env, long minutes, List<String> command) {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        pb.environment().putAll(env);
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            byte[][] out = new byte[1][];
            Thread reader = new Thread(() -> out[0] = readAll(p.getInputStream()), "cmd-output");
            reader.start();
            if (!p.waitFor(minutes, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError(command + " did not end within " + minutes + " min");
            }
            reader.join();
            return new Cmd(command, p.exitValue(), new String(out[0], StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError(command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(command + ": interrupted", e);
        }
    }

    static Cmd run(String... command) {
        return run(null, Map.of(), 10, List.of(command));
    }

    /** Runs it and fails the test, showing what it said, unless it exits 0. */
    static String ok(String... command) {
        return run(command).ok();
    }

    /** This result's output; fails the test, showing what it said, unless it exited 0. */
    String ok() {
        if (exit != 0) {
            throw new AssertionError(String.join(" ", command) + " exited " + exit + ":\n" + output);
        }
        return output;
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            return ("(output lost: " + e.getMessage() + ")").getBytes(StandardCharsets.UTF_8);
        }
    }
}

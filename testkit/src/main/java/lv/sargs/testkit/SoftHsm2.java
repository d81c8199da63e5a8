package lv.sargs.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A SoftHSM2 for tests and benchmarks: the configuration file that {@code SOFTHSM2_CONF} names
 * (written, with its token directory beside it, when absent) and tokens initialised through
 * {@code softhsm2-util}. Initialise tokens before the first PKCS#11 call of the JVM: the library
 * reads its configuration and token directory at {@code C_Initialize}.
 */
public final class SoftHsm2 {

    /** System property, then environment variable, that override the library path. */
    public static final String LIBRARY_PROPERTY = "sargs.softhsm2.library";
    public static final String LIBRARY_ENV = "SARGS_SOFTHSM2_LIBRARY";
    public static final String DEFAULT_LIBRARY = "/usr/lib/softhsm/libsofthsm2.so";
    /** The security officer PIN of every test token. */
    public static final String SO_PIN = "5678-so";

    private final Path conf;
    private final Path tokenDirectory;

    private SoftHsm2(Path conf, Path tokenDirectory) {
        this.conf = conf;
        this.tokenDirectory = tokenDirectory;
    }

    /** The SoftHSM2 that {@code SOFTHSM2_CONF} configures; fails when the variable is unset. */
    public static synchronized SoftHsm2 fromEnvironment() {
        String confEnv = System.getenv("SOFTHSM2_CONF");
        if (confEnv == null || confEnv.isEmpty()) {
            throw new IllegalStateException("SOFTHSM2_CONF is not set (expected: a path under the build"
                    + " directory, set by the surefire/failsafe environmentVariables or the bench script)");
        }
        Path conf = Paths.get(confEnv).toAbsolutePath();
        Path tokens = conf.resolveSibling("tokens");
        try {
            Files.createDirectories(tokens);
            if (!Files.exists(conf)) {
                Files.writeString(conf, "directories.tokendir = " + tokens + "\n"
                        + "objectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n",
                        StandardCharsets.US_ASCII);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot prepare SoftHSM2 configuration " + conf, e);
        }
        return new SoftHsm2(conf, tokens);
    }

    /** The PKCS#11 module: {@value #LIBRARY_PROPERTY}, else {@value #LIBRARY_ENV}, else {@value #DEFAULT_LIBRARY}. */
    public static Path library() {
        String property = System.getProperty(LIBRARY_PROPERTY);
        if (property != null && !property.isEmpty()) {
            return Paths.get(property);
        }
        String env = System.getenv(LIBRARY_ENV);
        return Paths.get(env != null && !env.isEmpty() ? env : DEFAULT_LIBRARY);
    }

    /** The configuration file. */
    public Path conf() {
        return conf;
    }

    /** The directory holding one sub-directory per token. */
    public Path tokenDirectory() {
        return tokenDirectory;
    }

    /**
     * Initialises a fresh token in a free slot, labelled {@code prefix} plus a random suffix (at
     * most 32 characters in all), with user PIN {@code userPin}; returns the label.
     */
    public String initToken(String prefix, String userPin) {
        String suffix = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000000, Integer.MAX_VALUE));
        String label = (prefix.length() > 23 ? prefix.substring(0, 23) : prefix) + "-" + suffix;
        run("softhsm2-util", "--init-token", "--free", "--label", label, "--so-pin", SO_PIN, "--pin", userPin);
        return label;
    }

    /** Writes {@code pin} to {@code pins/NAME.pin} beside the configuration, readable by its owner only. */
    public Path pinFile(String name, String pin) {
        try {
            Path file = conf.resolveSibling("pins").resolve(name + ".pin");
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, pin + "\n", StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write the PIN file of " + name, e);
        }
    }

    /** Deletes every token in the token directory, e.g. those of an earlier run; never while a process uses them. */
    public void reset() {
        try (var dirs = Files.walk(tokenDirectory)) {
            for (Path p : (Iterable<Path>) dirs.sorted(java.util.Comparator.reverseOrder())::iterator) {
                if (!p.equals(tokenDirectory)) {
                    Files.delete(p);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot empty " + tokenDirectory, e);
        }
    }

    /** The directory of the token labelled {@code label}, e.g. to take it away and bring it back. */
    public Path directoryOf(String label) {
        try (var dirs = Files.list(tokenDirectory)) {
            for (Path dir : (Iterable<Path>) dirs::iterator) {
                Path conf = dir.resolve("token.object");
                if (Files.exists(conf) && new String(Files.readAllBytes(conf), StandardCharsets.ISO_8859_1).contains(label)) {
                    return dir;
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + tokenDirectory, e);
        }
        throw new IllegalStateException("no token directory for '" + label + "' in " + tokenDirectory);
    }

    private void run(String... command) {
        List<String> line = new ArrayList<>(List.of(command));
        ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true);
        builder.environment().put("SOFTHSM2_CONF", conf.toString());
        try {
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(command[0] + " " + command[1] + " failed: " + output.trim());
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command[0] + " (expected: Debian package softhsm2)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command[0], e);
        }
    }
}

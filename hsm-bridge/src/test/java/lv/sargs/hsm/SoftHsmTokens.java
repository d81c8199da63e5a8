package lv.sargs.hsm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import lv.sargs.testkit.SoftHsm2;

/** Fresh SoftHSM2 tokens with PIN files, and the settings that open them, for hsm-bridge tests. */
public final class SoftHsmTokens {

    /** The user PIN of every test token; tests assert it never shows up in messages. */
    public static final String PIN = "1234-user-pin";

    private static final int POOL_SIZE = 12;
    private static Deque<String> pool;

    private SoftHsmTokens() {
    }

    /**
     * A token of its own for the caller, opened by label. SoftHSM2 only sees tokens that existed at
     * the process's first {@code C_Initialize}, so the first call initialises a pool for the JVM.
     */
    public static synchronized Pkcs11Settings fresh() {
        if (pool == null) {
            SoftHsm2 softHsm = SoftHsm2.fromEnvironment();
            softHsm.reset();
            pool = new ArrayDeque<>();
            for (int i = 0; i < POOL_SIZE; i++) {
                pool.add(softHsm.initToken("sargs-test", PIN));
            }
        }
        String label = pool.poll();
        if (label == null) {
            throw new IllegalStateException("all " + POOL_SIZE + " SoftHSM2 test tokens are taken (raise POOL_SIZE)");
        }
        return settings(Optional.of(label), Optional.empty(), pinFile(SoftHsm2.fromEnvironment(), label, PIN));
    }

    /** Settings for the token labelled {@code label} with the PIN in {@code pinFile}. */
    public static Pkcs11Settings settings(Optional<String> label, Optional<String> serial, Path pinFile) {
        return new Pkcs11Settings(SoftHsm2.library(), label, serial, new PinSource.File(pinFile), 64,
                Duration.ofSeconds(5), Duration.ofMillis(200));
    }

    /** Writes {@code pin} to a file readable by its owner only. */
    public static Path pinFile(SoftHsm2 softHsm, String name, String pin) {
        try {
            Path file = softHsm.conf().resolveSibling("pins").resolve(name + ".pin");
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, pin + "\n", StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

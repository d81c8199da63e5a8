package lv.sargs.gateway;

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
import lv.sargs.hsm.PinSource;
import lv.sargs.hsm.Pkcs11Settings;
import lv.sargs.testkit.SoftHsm2;

/**
 * SoftHSM2 tokens for this module's in-process integration tests, one per caller, all made before
 * the JVM's first PKCS#11 call: SoftHSM2 only sees the tokens that existed then, and the IT classes
 * share one JVM. Never resets the token directory.
 */
public final class SoftHsmTokens {

    private static final String PIN = "4711-it";
    private static final int POOL = 6;
    private static Deque<Pkcs11Settings> pool;

    private SoftHsmTokens() {
    }

    /** Settings that open a fresh token of the caller's own. */
    public static synchronized Pkcs11Settings fresh() {
        if (pool == null) {
            SoftHsm2 softHsm = SoftHsm2.fromEnvironment();
            pool = new ArrayDeque<>();
            for (int i = 0; i < POOL; i++) {
                String label = softHsm.initToken("sargs-gw-it", PIN);
                pool.add(new Pkcs11Settings(SoftHsm2.library(), Optional.of(label), Optional.empty(),
                        new PinSource.File(pinFile(softHsm, label)), 64, Duration.ofSeconds(10), Duration.ofSeconds(1)));
            }
        }
        Pkcs11Settings next = pool.poll();
        if (next == null) {
            throw new IllegalStateException("all " + POOL + " SoftHSM2 IT tokens are taken (raise POOL)");
        }
        return next;
    }

    private static Path pinFile(SoftHsm2 softHsm, String label) {
        try {
            Path file = softHsm.conf().resolveSibling("pins").resolve(label + ".pin");
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, PIN + "\n", StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package lv.sargs.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
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
 * SoftHSM2 tokens for the end-to-end tests, one per caller: all made before this JVM's first
 * PKCS#11 call, since SoftHSM2 only sees the tokens that existed then.
 */
public final class E2eTokens {

    private static final String PIN = "e2e-user-pin";
    private static final int POOL = 8;
    private static Deque<Pkcs11Settings> pool;

    private E2eTokens() {
    }

    /** Settings that open a fresh token of the caller's own. */
    public static synchronized Pkcs11Settings fresh() {
        if (pool == null) {
            SoftHsm2 softHsm = SoftHsm2.fromEnvironment();
            softHsm.reset();
            pool = new ArrayDeque<>();
            for (int i = 0; i < POOL; i++) {
                String label = softHsm.initToken("sargs-e2e", PIN);
                pool.add(new Pkcs11Settings(SoftHsm2.library(), Optional.of(label), Optional.empty(),
                        new PinSource.File(pinFile(softHsm, label)), 64, Duration.ofSeconds(5), Duration.ofMillis(500)));
            }
        }
        Pkcs11Settings next = pool.poll();
        if (next == null) {
            throw new IllegalStateException("all " + POOL + " SoftHSM2 e2e tokens are taken (raise POOL)");
        }
        return next;
    }

    private static Path pinFile(SoftHsm2 softHsm, String label) {
        try {
            Path file = softHsm.conf().resolveSibling("pins").resolve(label + ".pin");
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, PIN + "\n");
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

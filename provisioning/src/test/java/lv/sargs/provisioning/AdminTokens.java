package lv.sargs.provisioning;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.Deque;
import lv.sargs.testkit.SoftHsm2;

/**
 * SoftHSM2 tokens for the admin tool's tests, one per caller, all made before this JVM's first
 * PKCS#11 call: SoftHSM2 only sees the tokens that existed then.
 */
final class AdminTokens {

    /** The user PIN of every token here; tests check it is never printed. */
    static final String PIN = "4321-admin-test";
    private static final int POOL = 16;
    private static Deque<AdminToken> pool;

    /** A token by label, and the file (chmod 600) holding its PIN. */
    record AdminToken(String label, Path pinFile) {
    }

    private AdminTokens() {
    }

    static synchronized AdminToken fresh() {
        if (pool == null) {
            SoftHsm2 softHsm = SoftHsm2.fromEnvironment();
            softHsm.reset();
            pool = new ArrayDeque<>();
            for (int i = 0; i < POOL; i++) {
                String label = softHsm.initToken("sargs-admin", PIN);
                pool.add(new AdminToken(label, pinFile(softHsm, label)));
            }
        }
        AdminToken next = pool.poll();
        if (next == null) {
            throw new IllegalStateException("all " + POOL + " SoftHSM2 admin tokens are taken (raise POOL)");
        }
        return next;
    }

    /** The {@code token} section of a config for {@code token}. */
    static String section(AdminToken token) {
        return """
                token:
                  pkcs11:
                    library: %s
                    tokenLabel: %s
                    pin: {file: %s}
                    queueCapacity: 16
                    operationDeadline: 5s
                    probeInterval: 1s
                """.formatted(SoftHsm2.library(), token.label(), token.pinFile());
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

package lv.sargs.testkit;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * SoftHSM2 tokens for one test JVM, one per caller, all made at the first {@link #take()}: SoftHSM2
 * only sees the tokens that existed at the process's first PKCS#11 call, so a module's tests share
 * a pool made before it. Each token comes with its user PIN in a file readable by its owner only.
 */
public final class SoftHsm2Tokens {

    /** A token made for one caller: its label, and the file holding its user PIN. */
    public record Made(String label, Path pinFile) {
    }

    private final String prefix;
    private final String pin;
    private final int size;
    private final boolean resetFirst;
    private Deque<Made> pool;

    /**
     * @param prefix the labels' prefix, e.g. {@code sargs-e2e}
     * @param pin the user PIN of every token
     * @param size how many tokens the JVM's tests may take in all
     * @param resetFirst whether to delete earlier runs' tokens first (never where another JVM may use them)
     */
    public SoftHsm2Tokens(String prefix, String pin, int size, boolean resetFirst) {
        this.prefix = prefix;
        this.pin = pin;
        this.size = size;
        this.resetFirst = resetFirst;
    }

    /** A fresh token of the caller's own; the first call makes the pool. */
    public synchronized Made take() {
        if (pool == null) {
            SoftHsm2 softHsm = SoftHsm2.fromEnvironment();
            if (resetFirst) {
                softHsm.reset();
            }
            pool = new ArrayDeque<>();
            for (int i = 0; i < size; i++) {
                String label = softHsm.initToken(prefix, pin);
                pool.add(new Made(label, softHsm.pinFile(label, pin)));
            }
        }
        Made next = pool.poll();
        if (next == null) {
            throw new IllegalStateException("all " + size + " SoftHSM2 tokens labelled " + prefix
                    + "-* are taken (expected: a larger pool for this module's tests)");
        }
        return next;
    }
}

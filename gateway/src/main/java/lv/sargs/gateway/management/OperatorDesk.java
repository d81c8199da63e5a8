package lv.sargs.gateway.management;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What the management listener does for an operator beyond reading status: the console's actions.
 * Each completes off the event loop with an operator-readable outcome, and is audited by
 * {@link #audit} with who asked.
 */
public interface OperatorDesk {

    /** Delivers pending statistical reports now; the outcome says what happened or why nothing could. */
    CompletableFuture<String> deliverStatistics();

    /** Asks the token something real (its keys) now; the outcome is its health or the failure. */
    CompletableFuture<String> probeToken();

    /** The last line of each audit trail file: its sequence number, hash and whether the chain holds. */
    CompletableFuture<List<Checkpoint>> auditCheckpoints();

    /** A desk with nothing behind it: every action says so; nothing is audited. */
    OperatorDesk NONE = new OperatorDesk() {
        @Override
        public CompletableFuture<String> deliverStatistics() {
            return CompletableFuture.completedFuture("not available on this listener");
        }

        @Override
        public CompletableFuture<String> probeToken() {
            return CompletableFuture.completedFuture("not available on this listener");
        }

        @Override
        public CompletableFuture<List<Checkpoint>> auditCheckpoints() {
            return CompletableFuture.completedFuture(List.of());
        }

        @Override
        public void audit(String by, String action, String target, String outcome) {
        }
    };

    /** Records operator {@code by} doing {@code action} on {@code target} with {@code outcome} in the audit trail. */
    void audit(String by, String action, String target, String outcome);

    /**
     * One audit trail's newest checkpoint.
     *
     * @param trail the file name, e.g. {@code audit.jsonl}
     * @param lines how many events it holds
     * @param lastHash the SHA-256 (hex) the next event will chain to
     * @param intact whether the whole chain verified
     */
    record Checkpoint(String trail, long lines, String lastHash, boolean intact) {
    }
}

package lv.sargs.gateway.watch;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** A register's change feed, read from a cursor without blocking the caller. */
public interface ChangeSource {

    /** The register, e.g. {@code viss}; names its cursor and its published changes. */
    String source();

    /** The changes after {@code cursor} (from the feed's start when empty) and the cursor to continue from. */
    CompletableFuture<Batch> changesSince(Optional<String> cursor);

    /** One page of a change feed. */
    record Batch(List<RegisterChange> changes, String nextCursor) {
        public Batch {
            changes = List.copyOf(changes);
        }
    }
}

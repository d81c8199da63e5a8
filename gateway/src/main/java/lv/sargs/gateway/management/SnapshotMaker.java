package lv.sargs.gateway.management;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Makes a consistent copy of the running gateway's data directory for {@code sargs-admin backup}
 * ({@code POST /v1/backup/snapshot}), off the event loop; completes with where the copy is.
 */
@FunctionalInterface
public interface SnapshotMaker {

    /** A gateway that cannot make snapshots: every request says so. */
    SnapshotMaker NONE = by -> CompletableFuture.failedFuture(
            new IllegalStateException("this management listener has no data directory to snapshot"));

    /** Copies the data directory for operator {@code by}; completes with the copy or fails naming why. */
    CompletableFuture<Snapshot> snapshot(String by);

    /**
     * A finished snapshot.
     *
     * @param directory the staging directory holding the copy (inside the data directory), absolute
     * @param files each file's path relative to {@code directory} ({@code /}-separated) and size
     * @param auditRecords the sequence number of the last audit record in the copy (0 without a trail)
     * @param at when the snapshot began, ISO-8601 UTC
     */
    record Snapshot(String directory, List<SnapshotFile> files, long auditRecords, String at) {
    }

    /** One file of a snapshot. */
    record SnapshotFile(String path, long size) {
    }
}

package lv.sargs.gateway.alarm;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import lv.sargs.gateway.metrics.Metrics;

/**
 * Raises {@code data-directory.space} (WARNING; CRITICAL below a quarter of the threshold) while the
 * data directory's file system has less free space than configured: the stores, the audit trail and
 * the statistics work files all live there.
 */
public final class DiskSpace {

    static final String ID = "data-directory.space";

    private final Path directory;
    private final long minFree;
    private final Alarms alarms;
    private volatile long lastFree = -1;

    public DiskSpace(Path directory, long minFree, Alarms alarms, Metrics metrics) {
        this.directory = directory;
        this.minFree = minFree;
        this.alarms = alarms;
        metrics.gauge("sargs_data_directory_free_bytes", "Free bytes on the data directory's file system", "",
                () -> lastFree);
    }

    /** Looks at the file system; call off any event loop. */
    public void check() {
        long free;
        try {
            FileStore store = Files.getFileStore(directory);
            free = store.getUsableSpace();
        } catch (IOException e) {
            alarms.raise(ID, Severity.CRITICAL, "The data directory " + directory + " cannot be inspected: "
                    + e.getMessage(), "Check that the disk is mounted and healthy.");
            return;
        }
        lastFree = free;
        if (free >= minFree) {
            alarms.clear(ID);
            return;
        }
        Severity severity = free < minFree / 4 ? Severity.CRITICAL : Severity.WARNING;
        alarms.raise(ID, severity, "The data directory " + directory + " has " + mib(free) + " MiB free (alarm below "
                        + mib(minFree) + " MiB).",
                "Free space: remove old backups and delivered statistics work files, or grow the file system;"
                        + " the gateway stops writing when it is full.");
    }

    private static long mib(long bytes) {
        return bytes >> 20;
    }
}

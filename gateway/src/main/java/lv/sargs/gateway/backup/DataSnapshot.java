package lv.sargs.gateway.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.stream.Stream;
import lv.sargs.gateway.audit.AuditEvent;
import lv.sargs.gateway.audit.AuditRecord;
import lv.sargs.gateway.audit.AuditTrail;
import lv.sargs.gateway.audit.TrailFiles;
import lv.sargs.gateway.management.SnapshotMaker;
import lv.sargs.gateway.stores.OpenStores;
import lv.sargs.gateway.threads.ThreadPools;
import org.h2.mvstore.MVStore;
import org.tinylog.Logger;

/**
 * The running gateway's online backup: copies its data directory into a staging directory inside
 * it ({@value #STAGING}/{@code <time>}). The audit
 * trail first, up to a mark the writer gives right after a sync (so its chain verifies in the
 * copy), then each open MVStore ({@link StoreCopy}), then every other file as it is; the lock file
 * and earlier staging directories are left out. Each snapshot runs on a daemon thread of its own
 * (they are rare: one per backup), one at a time. {@code sargs-admin backup} packs and signs the copy,
 * then deletes it; copies left behind for over an hour are deleted by the next snapshot.
 */
public final class DataSnapshot implements SnapshotMaker {

    /** The staging directory's name in the data directory; hidden, and left out of every backup. */
    public static final String STAGING = ".snapshots";
    private static final String LOCK_FILE = "sargs.lock";
    private static final String AUDIT = "audit";
    private static final Duration STALE = Duration.ofHours(1);

    private final Path data;
    private final Supplier<AuditTrail> audit;
    private final Clock clock;

    /**
     * @param data the data directory the gateway holds locked
     * @param audit the audit trail once open (null before)
     */
    public DataSnapshot(Path data, Supplier<AuditTrail> audit, Clock clock) {
        this.data = data.toAbsolutePath().normalize();
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public CompletableFuture<Snapshot> snapshot(String by) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return make(by);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("snapshot of " + data + " failed: " + e.getMessage(), e);
            }
        }, r -> ThreadPools.threadFactory("backup-snapshot", true).newThread(r).start());
    }

    private synchronized Snapshot make(String by) throws IOException {
        Instant at = clock.instant();
        Path staging = data.resolve(STAGING);
        Files.createDirectories(staging);
        removeStale(staging, at);
        Path target = staging.resolve(at.toString().replace(':', '-'));
        Files.createDirectory(target, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        try {
            List<SnapshotFile> files = new ArrayList<>();
            long records = copyAudit(by, target, files);
            Map<Path, MVStore> stores = OpenStores.under(data);
            for (Map.Entry<Path, MVStore> s : stores.entrySet()) {
                Path to = prepare(target, s.getKey());
                files.add(new SnapshotFile(name(s.getKey()), StoreCopy.copy(s.getValue(), s.getKey(), to)));
            }
            try (Stream<Path> walk = Files.walk(data)) {
                for (Path f : walk.filter(Files::isRegularFile).sorted().toList()) {
                    Path rel = data.relativize(f);
                    if (rel.startsWith(STAGING) || rel.startsWith(AUDIT) || rel.toString().equals(LOCK_FILE)
                            || rel.toString().equals(TrailFiles.CHECKPOINTS) || stores.containsKey(f)) {
                        continue;
                    }
                    files.add(new SnapshotFile(name(f), copyPrefix(f, prepare(target, f), Long.MAX_VALUE)));
                }
            }
            files.sort(Comparator.comparing(SnapshotFile::path));
            Logger.info("backup snapshot for {}: {} file(s) in {}, audit up to record {}", by, files.size(), target,
                    records);
            return new Snapshot(target.toString(), List.copyOf(files), records, at.toString());
        } catch (IOException | RuntimeException e) {
            delete(target);
            throw e;
        }
    }

    /** The trail up to its mark; plain copies when the trail is not being written (failed, or none). */
    private long copyAudit(String by, Path target, List<SnapshotFile> files) throws IOException {
        AuditTrail trail = audit.get();
        Path directory = data.resolve(AUDIT);
        if (trail == null || trail.failure().isPresent()) {
            copyAll(directory, target, files);
            Path checkpoints = TrailFiles.checkpointsOf(directory);
            if (Files.isRegularFile(checkpoints)) {
                files.add(new SnapshotFile(name(checkpoints), copyPrefix(checkpoints, prepare(target, checkpoints),
                        Long.MAX_VALUE)));
            }
            return 0;
        }
        AuditTrail.Mark mark = trail.mark(AuditRecord.of(AuditEvent.OPERATOR_ACTION).withRequest(null, by)
                .withOutcome("snapshot taken").with("action", "backup-snapshot").with("target", "data directory"));
        try (Stream<Path> list = Files.list(mark.directory())) {
            for (Path f : list.filter(Files::isRegularFile).sorted().toList()) {
                int order = f.getFileName().toString().compareTo(mark.currentFile());
                if (order < 0) {
                    files.add(new SnapshotFile(name(f), copyPrefix(f, prepare(target, f), Long.MAX_VALUE)));
                } else if (order == 0) {
                    files.add(new SnapshotFile(name(f), copyPrefix(f, prepare(target, f), mark.currentLength())));
                }
                // Files after the current one were started after the mark.
            }
        }
        files.add(new SnapshotFile(name(mark.checkpoints()), copyPrefix(mark.checkpoints(),
                prepare(target, mark.checkpoints()), mark.checkpointsLength())));
        return mark.records();
    }

    private void copyAll(Path directory, Path target, List<SnapshotFile> files) throws IOException {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(directory)) {
            for (Path f : walk.filter(Files::isRegularFile).sorted().toList()) {
                files.add(new SnapshotFile(name(f), copyPrefix(f, prepare(target, f), Long.MAX_VALUE)));
            }
        }
    }

    /** Copies at most {@code limit} bytes of {@code from} to the new file {@code to} and syncs it; the bytes copied. */
    private static long copyPrefix(Path from, Path to, long limit) throws IOException {
        try (InputStream in = Files.newInputStream(from);
             OutputStream out = Files.newOutputStream(to, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            byte[] buffer = new byte[64 * 1024];
            long done = 0;
            while (done < limit) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, limit - done));
                if (n < 0) {
                    break;
                }
                out.write(buffer, 0, n);
                done += n;
            }
            if (limit != Long.MAX_VALUE && done < limit) {
                throw new IOException(from + " holds " + done + " bytes (expected: at least " + limit
                        + ", where the audit trail's mark said it ended)");
            }
            out.flush();
            try (FileChannel c = FileChannel.open(to, StandardOpenOption.WRITE)) {
                c.force(true);
            }
            return done;
        }
    }

    private Path prepare(Path target, Path file) throws IOException {
        Path to = target.resolve(data.relativize(file.toAbsolutePath().normalize()).toString());
        Files.createDirectories(to.getParent());
        return to;
    }

    private String name(Path file) {
        return data.relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/');
    }

    private static void removeStale(Path staging, Instant now) {
        try (Stream<Path> list = Files.list(staging)) {
            for (Path old : list.toList()) {
                if (Files.getLastModifiedTime(old).toInstant().isBefore(now.minus(STALE))) {
                    delete(old);
                }
            }
        } catch (IOException e) {
            Logger.warn("old backup snapshots in {} could not be listed: {}", staging, e.getMessage());
        }
    }

    private static void delete(Path directory) {
        try (Stream<Path> walk = Files.walk(directory)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            Logger.warn("backup snapshot {} could not be deleted: {}", directory, e.getMessage());
        }
    }
}

package lv.sargs.gateway.audit;

import lv.sargs.gateway.threads.ThreadPools;
import java.io.IOException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import lv.sargs.gateway.logging.RateLimitedWarning;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import lv.sargs.gateway.status.StatusReporter;
import org.tinylog.Logger;

/**
 * The gateway's one audit trail (format v2, docs/audit.md), passed to every capability: records
 * are chained by hash, written by one thread in batches and synced, signed checkpoints every N
 * records, T seconds and at stop. {@link #record} (lookups) never waits; {@link #recordDurably}
 * (payments, reports) returns only once its record is on the disk. Nothing is dropped silently: a
 * record that finds no room is refused to its caller (which answers 503) and the {@code audit}
 * component goes DEGRADED.
 */
public final class AuditTrail implements AutoCloseable {

    /** The status component the trail reports into. */
    public static final String COMPONENT = "audit";

    private static final Entry STOP = new Entry(null, null);

    private final AuditSettings settings;
    private final Optional<CheckpointSigner> signer;
    private final Pseudonyms pseudonyms;
    private final Clock clock;
    private final StatusReporter status;
    private final BlockingQueue<Entry> queue;
    private final RateLimitedWarning refusalLine = new RateLimitedWarning(Duration.ofSeconds(10));
    private final LongAdder refused = new LongAdder();
    private final KeyUses keyUses;
    private final java.util.List<java.util.function.Consumer<AuditRecord>> observers =
            new java.util.concurrent.CopyOnWriteArrayList<>();
    private final TrailWriter files;
    private final Thread writer;
    private volatile String failure;
    private volatile boolean pushedBack;
    private long checkpoint;
    private volatile Checkpoint lastCheckpoint;
    private long sinceCheckpoint;
    private long checkpointDue;

    private record Entry(AuditRecord record, CompletableFuture<Long> durable) {
    }

    /**
     * Where the trail's files ended at a synced point (for an online backup): every trail file before
     * {@code currentFile} whole, {@code currentFile} up to {@code currentLength} bytes, the checkpoints
     * file up to {@code checkpointsLength}; {@code records} is the last record's sequence number.
     */
    public record Mark(Path directory, String currentFile, long currentLength, Path checkpoints,
                       long checkpointsLength, long records) {
    }

    /** Marks asked for; completed by the writer right after a sync, before it acknowledges that batch. */
    private final java.util.Queue<CompletableFuture<Mark>> marks = new java.util.concurrent.ConcurrentLinkedQueue<>();

    private AuditTrail(AuditSettings settings, Optional<CheckpointSigner> signer, Pseudonyms pseudonyms, Clock clock,
                       StatusReporter status, TrailWriter files, long lastCheckpoint, String failure) {
        this.settings = settings;
        this.signer = signer;
        this.pseudonyms = pseudonyms;
        this.clock = clock;
        this.status = status;
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        this.files = files;
        this.checkpoint = lastCheckpoint;
        this.failure = failure;
        this.checkpointDue = clock.millis() + settings.checkpointInterval().toMillis();
        this.keyUses = new KeyUses(clock.instant());
        this.writer = ThreadPools.threadFactory("audit-writer", true).newThread(this::run);
        if (files != null) {
            writer.start();
        }
    }

    /**
     * Checks the existing trail and continues it; a trail that fails its check is not touched: the
     * returned trail refuses every record (so audited requests answer 503), {@code audit} is FAILED
     * naming file and record, and an ERROR is logged for the operator (the admin decides, docs/audit.md).
     *
     * @param signer signs checkpoints; empty leaves them unsigned (DEGRADED: no audit key configured)
     * @param pseudonyms the subjects' keyed pseudonyms; null leaves subjects out of the records
     * @param key the audit key's public key, to check existing checkpoints' signatures; null skips that
     */
    public static AuditTrail open(AuditSettings settings, Optional<CheckpointSigner> signer, Pseudonyms pseudonyms,
                                  PublicKey key, Clock clock, StatusReporter status) {
        TrailVerifier.Report existing;
        try {
            existing = TrailVerifier.verify(settings.directory(), TrailFiles.checkpointsOf(settings.directory()), key);
        } catch (IOException e) {
            return refusing(settings, clock, status, settings.directory() + ": cannot be read: " + e.getMessage());
        }
        if (!existing.intact()) {
            return refusing(settings, clock, status, existing.problem());
        }
        TrailWriter files;
        try {
            files = new TrailWriter(settings.directory(), existing, settings.rotateBytes());
        } catch (IOException e) {
            return refusing(settings, clock, status, settings.directory() + ": cannot be written: " + e.getMessage());
        }
        AuditTrail trail = new AuditTrail(settings, signer, pseudonyms, clock, status, files, existing.checkpoints(), null);
        AuditRecord started = AuditRecord.of(AuditEvent.TRAIL_STARTED).with("format", "2")
                .with("previousStop", existing.records() == 0 ? "none" : existing.stoppedCleanly() ? "clean" : "crash")
                .with("discardedBytes", Long.toString(existing.tornBytes()));
        if (existing.tornBytes() > 0) {
            Logger.warn("audit trail {}: {} bytes of a line cut by a crash were discarded (never acknowledged)",
                    existing.files().get(existing.files().size() - 1), existing.tornBytes());
        }
        try {
            trail.recordDurably(started);
        } catch (AuditUnavailableException e) {
            trail.close();
            return refusing(settings, clock, status, settings.directory() + ": the start record could not be"
                    + " written: " + e.getMessage());
        }
        if (signer.isPresent()) {
            status.ok(existing.records() + " records checked; " + files.currentFile());
        } else {
            status.degraded("no audit section (expected: audit.keyLabel naming an RSA key on the token):"
                    + " checkpoints unsigned and subjects left out");
        }
        return trail;
    }

    private static AuditTrail refusing(AuditSettings settings, Clock clock, StatusReporter status, String reason) {
        Logger.error("ALARM audit trail failed its check: {}; audited requests are refused until the admin decides"
                + " (docs/audit.md)", reason);
        status.failed(reason);
        return new AuditTrail(settings, Optional.empty(), null, clock, status, null, 0, reason);
    }

    /**
     * Queues {@code record} without waiting; false when the trail cannot take it (queue full,
     * failed, closed) — the caller must then fail its request with a 503.
     */
    public boolean record(AuditRecord record) {
        if (failure != null || !queue.offer(new Entry(record, null))) {
            refuse(record);
            return false;
        }
        observers.forEach(o -> o.accept(record));
        return true;
    }

    /**
     * Hands every record the trail takes to {@code observer} as well (operational-risk events),
     * on the recording thread: it must not block.
     */
    public void observe(java.util.function.Consumer<AuditRecord> observer) {
        observers.add(observer);
    }

    /**
     * Writes {@code record} and returns once it is synced to the disk, waiting up to the push-back
     * time for room in a full queue; never call it on an event loop.
     *
     * @return the record's sequence number
     * @throws AuditUnavailableException when the record could not be made durable
     */
    public long recordDurably(AuditRecord record) {
        String failed = failure;
        if (failed != null) {
            refuse(record);
            throw new AuditUnavailableException("the audit trail is unavailable: " + failed);
        }
        Entry entry = new Entry(record, new CompletableFuture<>());
        try {
            if (!queue.offer(entry, settings.pushBack().toMillis(), TimeUnit.MILLISECONDS)) {
                refuse(record);
                throw new AuditUnavailableException("the audit trail's queue stayed full for "
                        + settings.pushBack().toMillis() + " ms");
            }
            long seq = entry.durable().get(30, TimeUnit.SECONDS);
            observers.forEach(o -> o.accept(record));
            return seq;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuditUnavailableException("interrupted waiting for the audit trail", e);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new AuditUnavailableException("the audit record was not synced: " + cause.getMessage(), cause);
        }
    }

    /**
     * Writes {@code record} durably and returns where the files ended at the sync that carried it (or
     * a later one): a copy up to the mark holds every record acknowledged before this call, whole
     * lines only, and its chain verifies. Never call it on an event loop.
     *
     * @throws AuditUnavailableException when the trail refuses records or the record was not synced
     */
    public Mark mark(AuditRecord record) {
        CompletableFuture<Mark> mark = new CompletableFuture<>();
        marks.add(mark);
        try {
            recordDurably(record);
            return mark.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuditUnavailableException("interrupted waiting for the audit trail's mark", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AuditUnavailableException("the audit trail gave no mark: " + e.getMessage(), e);
        } finally {
            marks.remove(mark);
        }
    }

    /**
     * The keyed pseudonym of subject {@code id} of {@code kind} ({@code person}, {@code company}) for
     * a record's subject; null when the gateway has no audit key (the subject is then left out).
     */
    public String subject(String kind, String id) {
        return pseudonyms == null ? null : pseudonyms.of(kind, id);
    }

    /**
     * One signature by the token's key {@code keyLabel} for a purpose other than TLS (e.g.
     * {@code jwt-client-assertion}, {@code cms-signing}); counted, and written as one
     * {@code key-used} record per key and purpose each checkpoint interval and at stop. Never blocks.
     */
    public void keyUsed(String keyLabel, String purpose) {
        keyUses.used(keyLabel, purpose);
    }

    /** The last checkpoint this trail wrote since it opened; empty before the first. */
    public Optional<Checkpoint> lastCheckpoint() {
        return Optional.ofNullable(lastCheckpoint);
    }

    /** Records refused so far (queue full, trail failed or closed). */
    public long refused() {
        return refused.sum();
    }

    /** Why the trail refuses records, or empty while it takes them. */
    public Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    /** Writes what is queued, a stop record and a last signed checkpoint, and closes the files. */
    @Override
    public void close() {
        if (files == null || !writer.isAlive()) {
            return;
        }
        try {
            queue.put(STOP);
            writer.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failure == null) {
            failure = "closed";
        }
    }

    private void refuse(AuditRecord record) {
        refused.increment();
        if (failure == null && !pushedBack) {
            pushedBack = true;
            status.degraded("queue full: records refused, their requests answered 503");
        }
        // Refusals come in floods exactly when the trail is overloaded: one line per interval, counted.
        refusalLine.error("ALARM audit trail: a '{}' record was refused ({}); its request fails with 503",
                record.event().wireName(), failure != null ? failure : "queue full");
    }

    private void run() {
        List<Entry> batch = new ArrayList<>();
        boolean stop = false;
        while (!stop) {
            try {
                long wait = Math.max(1, checkpointDue - clock.millis());
                Entry first = queue.poll(wait, TimeUnit.MILLISECONDS);
                if (first != null) {
                    batch.add(first);
                    queue.drainTo(batch, 4096);
                }
            } catch (InterruptedException e) {
                stop = true;
            }
            stop |= batch.remove(STOP);
            if (stop || clock.millis() >= checkpointDue) {
                // The key uses of the window, just before the checkpoint that closes it.
                keyUses.drain(Instant.now(clock)).forEach(r -> batch.add(new Entry(r, null)));
            }
            if (stop) {
                batch.add(new Entry(AuditRecord.of(AuditEvent.TRAIL_STOPPED), null));
            }
            write(batch, stop);
            batch.clear();
        }
        try {
            files.close();
        } catch (IOException e) {
            Logger.error("audit trail {} did not close cleanly: {}", settings.directory(), e.getMessage());
        }
    }

    private void write(List<Entry> batch, boolean stop) {
        long[] seqs = new long[batch.size()];
        try {
            for (int i = 0; i < seqs.length; i++) {
                seqs[i] = files.append(Instant.now(clock), batch.get(i).record());
                // At most checkpointEvery records between two checkpoints, however large the batch.
                if (++sinceCheckpoint >= settings.checkpointEvery()) {
                    checkpoint();
                }
            }
            if (sinceCheckpoint > 0 && (stop || clock.millis() >= checkpointDue)) {
                checkpoint();
            }
            files.sync();
            for (CompletableFuture<Mark> m; (m = marks.poll()) != null; ) {
                m.complete(files.mark());
            }
            if (pushedBack && queue.remainingCapacity() > settings.queueCapacity() / 2) {
                pushedBack = false;
                status.ok("queue drained; " + files.currentFile());
            }
            for (int i = 0; i < seqs.length; i++) {
                if (batch.get(i).durable() != null) {
                    batch.get(i).durable().complete(seqs[i]);
                }
            }
        } catch (IOException | RuntimeException e) {
            failure = "writing " + settings.directory() + " failed: " + e.getMessage();
            Logger.error("ALARM audit trail: {}; audited requests are refused", failure);
            status.failed(failure);
            for (Entry entry : batch) {
                if (entry.durable() != null) {
                    entry.durable().completeExceptionally(new AuditUnavailableException(failure, e));
                }
            }
        }
        if (clock.millis() >= checkpointDue) {
            checkpointDue = clock.millis() + settings.checkpointInterval().toMillis();
        }
    }

    private void checkpoint() throws IOException {
        Checkpoint unsigned = new Checkpoint(++checkpoint, files.seq(), files.lastHash(), files.currentFile(),
                Instant.now(clock), signer.map(CheckpointSigner::keyLabel).orElse(""),
                signer.map(CheckpointSigner::algorithm).orElse(""), "");
        Checkpoint cp = signer.map(s -> new Checkpoint(unsigned.number(), unsigned.covers(), unsigned.hash(),
                unsigned.file(), unsigned.at(), unsigned.keyLabel(), unsigned.algorithm(),
                Base64.getEncoder().encodeToString(s.sign(unsigned.signedBytes())))).orElse(unsigned);
        files.append(cp.at(), cp.asRecord());
        files.sync();
        files.publish(cp);
        lastCheckpoint = cp;
        sinceCheckpoint = 0;
        checkpointDue = clock.millis() + settings.checkpointInterval().toMillis();
        Logger.info("audit checkpoint #{} covers record {} in {} (sha-256 {})", cp.number(), cp.covers(), cp.file(),
                cp.hash());
    }
}

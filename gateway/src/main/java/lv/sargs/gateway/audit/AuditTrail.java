package lv.sargs.gateway.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import lv.sargs.gateway.threads.ThreadPools;
import org.tinylog.Logger;

/**
 * The tamper-evident record of who asked what, for which purpose, and how it ended: one JSON line
 * per event, each carrying the SHA-256 of the previous line, so removing or editing a line breaks
 * the chain from there on ({@link AuditVerifier}). Lines are written and fsynced in batches by one
 * thread; a caller never waits for the disk.
 */
public final class AuditTrail implements AutoCloseable {

    private static final String STOP = "";

    private final Path file;
    private final FileChannel channel;
    private final BlockingQueue<String> queue;
    private final Clock clock;
    private final LongAdder dropped = new LongAdder();
    private final Thread writer;
    private final MessageDigest sha256;
    private byte[] previous;
    private long sequence;

    private AuditTrail(Path file, FileChannel channel, byte[] previous, long sequence, int capacity, Clock clock) {
        this.file = file;
        this.channel = channel;
        this.previous = previous;
        this.sequence = sequence;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.clock = clock;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
        this.writer = ThreadPools.threadFactory("audit-writer", true).newThread(this::run);
        this.writer.start();
    }

    /** Opens (or continues) the trail in {@code file}, checking the existing chain first. */
    public static AuditTrail open(Path file, int capacity, Clock clock) throws IOException {
        AuditVerifier.Result existing = AuditVerifier.verify(file);
        if (!existing.intact()) {
            throw new IOException("audit trail " + file + " is broken at line " + existing.brokenAt()
                    + " (expected: an unbroken hash chain; keep the file as evidence and move it away)");
        }
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        return new AuditTrail(file, channel, existing.lastHash(), existing.lines(), capacity, clock);
    }

    /**
     * Records one event; {@code fields} are alternating names and values (strings, escaped here).
     * Never blocks: a full queue drops the event, counts it and logs once per drop.
     */
    public void record(String event, String... fields) {
        StringBuilder line = new StringBuilder(160).append("{\"at\":\"").append(clock.instant()).append("\",\"event\":");
        Json.string(line, event);
        for (int i = 0; i + 1 < fields.length; i += 2) {
            line.append(',');
            Json.string(line, fields[i]);
            line.append(':');
            Json.string(line, fields[i + 1]);
        }
        if (!queue.offer(line.toString())) {
            dropped.increment();
            Logger.error("audit trail {}: queue full, an '{}' event was dropped", file, event);
        }
    }

    /** Events dropped because the writer could not keep up. */
    public long dropped() {
        return dropped.sum();
    }

    /** Writes what is queued, fsyncs and closes the file. */
    @Override
    public void close() {
        try {
            queue.put(STOP);
            writer.join(TimeUnit.SECONDS.toMillis(10));
            channel.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            Logger.error("audit trail {} did not close cleanly: {}", file, e.getMessage());
        }
    }

    private void run() {
        List<String> batch = new ArrayList<>();
        while (true) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(batch, 1024);
            boolean stop = batch.remove(STOP);
            try {
                write(batch);
            } catch (IOException e) {
                Logger.error("audit trail {}: {} event(s) not written: {}", file, batch.size(), e.getMessage());
            }
            batch.clear();
            if (stop) {
                return;
            }
        }
    }

    private void write(List<String> batch) throws IOException {
        if (batch.isEmpty()) {
            return;
        }
        StringBuilder out = new StringBuilder(batch.size() * 200);
        for (String body : batch) {
            sequence++;
            String line = body + ",\"seq\":" + sequence + ",\"prev\":\"" + HexFormat.of().formatHex(previous) + "\"}";
            previous = sha256.digest(line.getBytes(StandardCharsets.UTF_8));
            out.append(line).append('\n');
        }
        ByteBuffer bytes = ByteBuffer.wrap(out.toString().getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
        channel.force(false);
    }

    /** Ensures the directory of {@code file} exists, readable by the service user only. */
    public static Path prepare(Path directory) throws IOException {
        Files.createDirectories(directory);
        return directory.resolve("audit.jsonl");
    }
}

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
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;

/**
 * The writer thread's side of the files: appends chained lines to the current trail file, rotates
 * by size or UTC day with the chain running on, and syncs; appends checkpoints to the file outside
 * the trail's directory. Used by one thread only.
 */
final class TrailWriter implements AutoCloseable {

    private final Path directory;
    private final Path checkpointsFile;
    private final long rotateBytes;
    private final MessageDigest sha256;
    private final StringBuilder pending = new StringBuilder(64 * 1024);
    private FileChannel channel;
    private FileChannel checkpoints;
    private int index;
    private long size;
    private LocalDate day;
    private byte[] previous;
    private long seq;

    TrailWriter(Path directory, TrailVerifier.Report existing, long rotateBytes) throws IOException {
        this.directory = directory;
        this.checkpointsFile = TrailFiles.checkpointsOf(directory);
        this.rotateBytes = rotateBytes;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
        Files.createDirectories(directory);
        this.previous = HexFormat.of().parseHex(existing.lastHash());
        this.seq = existing.records();
        if (existing.files().isEmpty()) {
            open(1);
        } else {
            Path last = existing.files().get(existing.files().size() - 1);
            if (existing.tornBytes() > 0) {
                try (FileChannel c = FileChannel.open(last, StandardOpenOption.WRITE)) {
                    c.truncate(c.size() - existing.tornBytes());
                    c.force(true);
                }
            }
            open(TrailFiles.index(last.getFileName().toString()));
        }
        this.checkpoints = FileChannel.open(checkpointsFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
    }

    /** Adds one record to the pending batch (rotating first when due); its sequence number. */
    long append(Instant at, AuditRecord record) throws IOException {
        LocalDate today = LocalDate.ofInstant(at, ZoneOffset.UTC);
        if (size + pending.length() >= rotateBytes || (day != null && !today.equals(day) && size + pending.length() > 0)) {
            sync();
            channel.close();
            open(index + 1);
        }
        if (day == null || size + pending.length() == 0) {
            day = today;
        }
        String line = AuditLine.encode(++seq, at, record, previous);
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        previous = sha256.digest(bytes);
        pending.append(line).append('\n');
        return seq;
    }

    /** Writes the pending batch and forces it to the disk. */
    void sync() throws IOException {
        if (pending.isEmpty()) {
            return;
        }
        ByteBuffer bytes = ByteBuffer.wrap(pending.toString().getBytes(StandardCharsets.UTF_8));
        pending.setLength(0);
        size += bytes.remaining();
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
        channel.force(false);
    }

    /** The last record's sequence number and hash, and the file it is in. */
    long seq() {
        return seq;
    }

    String lastHash() {
        return HexFormat.of().formatHex(previous);
    }

    String currentFile() {
        return TrailFiles.name(index);
    }

    /** Where the trail's files end now; call it right after {@link #sync()}, when nothing is pending. */
    AuditTrail.Mark mark() throws IOException {
        return new AuditTrail.Mark(directory, currentFile(), size, checkpointsFile, checkpoints.size(), seq);
    }

    /** Appends {@code checkpoint} to the checkpoints file and syncs it. */
    void publish(Checkpoint checkpoint) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap((checkpoint.asLine() + '\n').getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            checkpoints.write(bytes);
        }
        checkpoints.force(false);
    }

    @Override
    public void close() throws IOException {
        try {
            sync();
        } finally {
            channel.close();
            checkpoints.close();
        }
    }

    private void open(int next) throws IOException {
        index = next;
        Path file = directory.resolve(TrailFiles.name(index));
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        size = channel.size();
        day = null;
        if (size == 0) {
            // The new file's directory entry must survive a crash as its lines do.
            try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
                dir.force(true);
            } catch (IOException ignored) {
                // Some file systems cannot sync a directory; the lines' own sync still holds.
            }
        }
    }
}

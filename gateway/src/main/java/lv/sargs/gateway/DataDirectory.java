package lv.sargs.gateway;

import lv.sargs.gateway.capability.StartupException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The gateway's data directory, held under an exclusive lock for the gateway's lifetime so that
 * two daemons (or a daemon and a restore) never write the same stores.
 */
final class DataDirectory implements AutoCloseable {

    static final String LOCK_FILE = "sargs.lock";

    private final Path directory;
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectory(Path directory, FileChannel channel, FileLock lock) {
        this.directory = directory;
        this.channel = channel;
        this.lock = lock;
    }

    static DataDirectory open(Path directory) throws StartupException {
        Path file = directory.resolve(LOCK_FILE);
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new OverlappingFileLockException();
            }
            return new DataDirectory(directory, channel, lock);
        } catch (IOException | OverlappingFileLockException e) {
            closeQuietly(channel);
            throw new StartupException(StartupException.Code.STORES, "dataDirectory: " + directory
                    + " (expected: a directory no other gateway is using; " + file + " is locked or not writable)", e);
        }
    }

    Path path() {
        return directory;
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException suppressed) {
                // Nothing was locked; the start-up error that follows says what went wrong.
            }
        }
    }
}

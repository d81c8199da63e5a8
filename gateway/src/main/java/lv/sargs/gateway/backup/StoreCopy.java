package lv.sargs.gateway.backup;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;

/**
 * Copies the file of an open MVStore into a new file, byte for byte (encrypted stores stay
 * encrypted): while it copies, the store appends new chunks instead of reusing free space, so the
 * bytes up to the file's length at the start are a store as it was then; everything committed
 * before the copy began (and so everything synced and acknowledged) is in the copy.
 */
final class StoreCopy {

    private StoreCopy() {
    }

    /** Copies {@code store}'s file {@code file} to {@code target} (which must not exist) and syncs it; its size. */
    static long copy(MVStore store, Path file, Path target) throws IOException {
        FileStore<?> files = store.getFileStore();
        boolean reused = files.isSpaceReused();
        files.setReuseSpace(false);
        try {
            // A fence: a chunk write that began before reuse was switched off finishes under the store
            // lock, so none is half-written into reused space while the copy reads it.
            store.executeFilestoreOperation(() -> { });
            try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ);
                 FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                long length = in.size();
                long done = 0;
                while (done < length) {
                    done += in.transferTo(done, length - done, out);
                }
                out.force(true);
                return length;
            }
        } finally {
            files.setReuseSpace(reused);
        }
    }
}

package lv.sargs.sandbox.lb;

import java.io.IOException;
import java.nio.file.CopyOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.Handle;
import org.apache.sshd.sftp.server.SftpEventListener;

/**
 * Notices each complete upload into a user's {@code STAT/OUT} — a written file closed under a final
 * name, or a temporary file renamed to one — and hands it on; temporary names ({@code *.part},
 * dot files) are ignored. Also injects the "connection lost mid-upload" fault.
 */
final class UploadListener implements SftpEventListener {

    private static final long NO_FAULT = -1;

    private final BiConsumer<ServerSession, Path> complete;
    private final AtomicLong interruptAfter = new AtomicLong(NO_FAULT);

    UploadListener(BiConsumer<ServerSession, Path> complete) {
        this.complete = complete;
    }

    /** Breaks the connection of the next upload into STAT/OUT once it has written more than {@code bytes}. */
    void interruptNextUploadAfter(long bytes) {
        interruptAfter.set(bytes);
    }

    static boolean isTemporary(String name) {
        return name.endsWith(".part") || name.startsWith(".");
    }

    static boolean inStatOut(Path file) {
        Path parent = file.getParent();
        return parent != null && parent.getFileName() != null && parent.getFileName().toString().equals("OUT")
                && parent.getParent() != null && parent.getParent().getFileName() != null
                && parent.getParent().getFileName().toString().equals("STAT");
    }

    @Override
    public void writing(ServerSession session, String remoteHandle, FileHandle localHandle, long offset, byte[] data,
                        int dataOffset, int dataLen) throws IOException {
        long limit = interruptAfter.get();
        if (limit != NO_FAULT && inStatOut(localHandle.getFile()) && offset + dataLen > limit
                && interruptAfter.compareAndSet(limit, NO_FAULT)) {
            session.close(true);
            throw new IOException("sandbox: connection lost during the upload of " + localHandle.getFile().getFileName());
        }
    }

    @Override
    public void closed(ServerSession session, String remoteHandle, Handle localHandle, Throwable thrown) {
        if (thrown == null && localHandle instanceof FileHandle file
                && file.getOpenOptions().contains(StandardOpenOption.WRITE)) {
            offer(session, file.getFile());
        }
    }

    @Override
    public void moved(ServerSession session, Path srcPath, Path dstPath, Collection<CopyOption> opts, Throwable thrown) {
        if (thrown == null) {
            offer(session, dstPath);
        }
    }

    private void offer(ServerSession session, Path file) {
        if (inStatOut(file) && !isTemporary(file.getFileName().toString())) {
            complete.accept(session, file);
        }
    }
}

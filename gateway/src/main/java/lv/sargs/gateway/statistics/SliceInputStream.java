package lv.sargs.gateway.statistics;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Reads the bytes {@code [start, end)} of a file, buffered. */
final class SliceInputStream extends FilterInputStream {

    private long remaining;

    private SliceInputStream(InputStream in, long length) {
        super(in);
        this.remaining = length;
    }

    static InputStream open(Path file, long start, long end) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ).position(start);
        return new SliceInputStream(new BufferedInputStream(Channels.newInputStream(channel), 64 * 1024), end - start);
    }

    @Override
    public int read() throws IOException {
        if (remaining <= 0) {
            return -1;
        }
        int b = in.read();
        if (b >= 0) {
            remaining--;
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (remaining <= 0) {
            return -1;
        }
        int n = in.read(b, off, (int) Math.min(len, remaining));
        if (n > 0) {
            remaining -= n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = in.skip(Math.min(n, remaining));
        remaining -= skipped;
        return skipped;
    }

    @Override
    public int available() throws IOException {
        return (int) Math.min(in.available(), remaining);
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}

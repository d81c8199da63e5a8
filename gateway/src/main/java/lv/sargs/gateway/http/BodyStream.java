package lv.sargs.gateway.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A streaming route's request body as an {@link InputStream}: the event loop {@link #offer offers}
 * the body's chunks, the route's own thread reads them. At most about {@link #HIGH_WATER} bytes
 * wait in memory: above it the channel stops reading (TCP or HTTP/2 flow control then holds the
 * client back), and it reads again once the consumer has drained the queue below {@link #LOW_WATER}.
 * A connection lost or a body refused half-way fails the reader with {@link BodyAbortedException}.
 */
final class BodyStream extends InputStream {

    static final int HIGH_WATER = 1024 * 1024;
    static final int LOW_WATER = 256 * 1024;
    /** A reader waiting this long for the next chunk gives up: the client stalled the upload. */
    private static final long STALL_NANOS = TimeUnit.MINUTES.toNanos(2);

    private final Channel channel;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final ArrayDeque<ByteBuf> chunks = new ArrayDeque<>();
    private long queued;
    private boolean ended;
    private boolean closed;
    private boolean paused;
    private IOException failure;

    BodyStream(Channel channel) {
        this.channel = channel;
    }

    /** Event loop: queues a chunk (taking over its reference); pauses reading when the queue is full. */
    void offer(ByteBuf chunk) {
        lock.lock();
        try {
            if (closed || failure != null || !chunk.isReadable()) {
                chunk.release();
                return;
            }
            chunks.add(chunk);
            queued += chunk.readableBytes();
            if (queued > HIGH_WATER && !paused) {
                paused = true;
                channel.config().setAutoRead(false);
            }
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Event loop: the whole body has arrived. */
    void end() {
        lock.lock();
        try {
            ended = true;
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Any thread: the body will not arrive whole; the reader fails with {@code reason}, queued chunks are dropped. */
    void abort(String reason) {
        lock.lock();
        try {
            if (failure == null && !ended) {
                failure = new BodyAbortedException(reason);
            }
            drop();
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** True once the whole body has arrived (read or not). */
    boolean complete() {
        lock.lock();
        try {
            return ended;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] into, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        lock.lock();
        try {
            long waitNanos = STALL_NANOS;
            while (chunks.isEmpty()) {
                if (failure != null) {
                    throw failure;
                }
                if (closed) {
                    throw new IOException("request body: read after close");
                }
                if (ended) {
                    return -1;
                }
                if (waitNanos <= 0) {
                    throw new BodyAbortedException("no body data for " + TimeUnit.NANOSECONDS.toSeconds(STALL_NANOS) + " s");
                }
                try {
                    waitNanos = arrived.awaitNanos(waitNanos);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new BodyAbortedException("interrupted while waiting for the request body");
                }
            }
            ByteBuf head = chunks.peek();
            int n = Math.min(len, head.readableBytes());
            head.readBytes(into, off, n);
            if (!head.isReadable()) {
                chunks.poll().release();
            }
            queued -= n;
            if (paused && queued < LOW_WATER) {
                paused = false;
                channel.eventLoop().execute(() -> {
                    channel.config().setAutoRead(true);
                    channel.read();
                });
            }
            return n;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int available() {
        lock.lock();
        try {
            return (int) Math.min(Integer.MAX_VALUE, queued);
        } finally {
            lock.unlock();
        }
    }

    /** Drops what is queued; chunks still arriving are discarded. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            drop();
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void drop() {
        ByteBuf chunk;
        while ((chunk = chunks.poll()) != null) {
            chunk.release();
        }
        queued = 0;
        if (paused) {
            // Nobody will read the rest: let the remaining body flow in to be discarded (or the connection close).
            paused = false;
            channel.eventLoop().execute(() -> channel.config().setAutoRead(true));
        }
    }
}

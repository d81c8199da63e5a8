package lv.sargs.gateway.http;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http2.Http2ConnectionHandler;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.util.AttributeKey;
import java.util.ArrayDeque;

/**
 * What one connection is doing: requests being served on it, HTTP/1.1 requests pipelined behind
 * them, and whether it is draining for shutdown. Confined to the connection's event loop (HTTP/2
 * streams share it), so it needs no locks.
 */
public final class ConnectionActivity {

    /** HTTP/1.1 requests queued behind the one being served before the connection is dropped. */
    static final int MAX_PIPELINED = 16;

    private static final AttributeKey<ConnectionActivity> KEY = AttributeKey.valueOf("sargs.connectionActivity");

    private final Channel connection;
    private boolean http2;
    private int active;
    private boolean draining;
    private ArrayDeque<FullHttpRequest> pipelined;

    private ConnectionActivity(Channel connection) {
        this.connection = connection;
    }

    /** Attaches a fresh activity record to a newly accepted connection. */
    public static ConnectionActivity attach(Channel connection) {
        ConnectionActivity activity = new ConnectionActivity(connection);
        connection.attr(KEY).set(activity);
        connection.closeFuture().addListener(f -> activity.releasePipelined());
        return activity;
    }

    /** The activity of the connection carrying {@code channel} (a connection or one of its HTTP/2 streams). */
    public static ConnectionActivity of(Channel channel) {
        Channel c = channel instanceof Http2StreamChannel ? channel.parent() : channel;
        return c.attr(KEY).get();
    }

    /** Marks the connection as speaking HTTP/2 (ALPN chose {@code h2}). */
    public void useHttp2() {
        http2 = true;
    }

    boolean http2() {
        return http2;
    }

    Channel connection() {
        return connection;
    }

    /** Requests being served on this connection. */
    public int active() {
        return active;
    }

    boolean draining() {
        return draining;
    }

    void started() {
        active++;
    }

    void finished() {
        active--;
    }

    /**
     * Queues an HTTP/1.1 request that arrived while another is being served, to answer in order.
     *
     * @return false, queuing nothing, when {@link #MAX_PIPELINED} are already waiting
     */
    boolean pipeline(FullHttpRequest request) {
        if (pipelined == null) {
            pipelined = new ArrayDeque<>(4);
        }
        if (pipelined.size() >= MAX_PIPELINED) {
            return false;
        }
        pipelined.add(request);
        return true;
    }

    /** The next pipelined request, or null. */
    FullHttpRequest nextPipelined() {
        return pipelined == null ? null : pipelined.poll();
    }

    /**
     * Starts draining for shutdown (call on the connection's event loop): an idle connection closes
     * now; HTTP/1.1 closes after the response being served; HTTP/2 sends GOAWAY and closes when its
     * open streams finish, within {@code graceMillis}.
     */
    public void drain(long graceMillis) {
        draining = true;
        if (active == 0) {
            connection.close();
        } else if (http2) {
            Http2ConnectionHandler codec = connection.pipeline().get(Http2ConnectionHandler.class);
            if (codec != null) {
                codec.gracefulShutdownTimeoutMillis(graceMillis);
            }
            connection.close();
        }
    }

    private void releasePipelined() {
        FullHttpRequest r;
        while (pipelined != null && (r = pipelined.poll()) != null) {
            r.release();
        }
    }
}

package lv.sargs.gateway.config;

/**
 * The {@code threads} section: how many threads and queued tasks each shared pool of the gateway
 * has. Every key is optional; the defaults are those the reference config shows.
 *
 * @param eventLoops the I/O event-loop threads serving both listeners and every upstream connection
 * @param tlsHandshakes the client listener's TLS handshake work (it signs on the token, off the event loops)
 * @param lookups DNS and handshake work of the register clients, and the watchlist's store
 * @param ekase DNS and handshake work of the eKase client
 */
public record ThreadsConfig(int eventLoops, Pool tlsHandshakes, Pool lookups, Pool ekase) {

    /** A bounded pool: up to {@code threads} threads, up to {@code queue} tasks waiting; beyond that refused. */
    public record Pool(int threads, int queue) {
    }

    /** The defaults: every key left out. */
    public static ThreadsConfig defaults() {
        return new ThreadsConfig(ThreadsReader.EVENT_LOOPS, ThreadsReader.TLS_HANDSHAKES, ThreadsReader.LOOKUPS,
                ThreadsReader.EKASE);
    }
}

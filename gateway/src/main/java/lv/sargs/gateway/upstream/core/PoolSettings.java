package lv.sargs.gateway.upstream.core;

import java.time.Duration;

/**
 * The connection pool of one upstream: keep-alive HTTP/1.1 connections, or multiplexed HTTP/2 ones
 * where the upstream picks h2 by ALPN; at most {@code maxConnections} of them, idle ones closed
 * after {@code idleTimeout}.
 *
 * @param maxConnections connections open (or opening) at most
 * @param maxWaiting calls waiting for a connection at most; one more fails at once with
 *     {@link UpstreamException.Code#POOL_EXHAUSTED}
 * @param connectTimeout the longest a TCP connect may take (the call's deadline may cut it shorter)
 * @param idleTimeout an unused connection is closed after this long
 * @param maxResponseBytes a larger response fails with {@link UpstreamException.Code#MALFORMED_RESPONSE}
 * @param offerHttp2 whether ALPN offers {@code h2} before {@code http/1.1}
 */
public record PoolSettings(int maxConnections, int maxWaiting, Duration connectTimeout, Duration idleTimeout,
                           int maxResponseBytes, boolean offerHttp2) {

    public PoolSettings {
        Settings.requireRange("pool.maxConnections", maxConnections, 1, 1024);
        Settings.requireRange("pool.maxWaiting", maxWaiting, 0, 100_000);
        Settings.requirePositive("pool.connectTimeout", connectTimeout);
        Settings.requirePositive("pool.idleTimeout", idleTimeout);
        Settings.requireRange("pool.maxResponseBytes", maxResponseBytes, 1024, 64 * 1024 * 1024);
    }

    /** 16 connections, 1,000 waiting, connect 2 s, idle 60 s, responses up to 4 MiB, h2 offered. */
    public static PoolSettings defaults() {
        return new PoolSettings(16, 1000, Duration.ofSeconds(2), Duration.ofSeconds(60), 4 * 1024 * 1024, true);
    }

    /** A copy with at most {@code value} connections. */
    public PoolSettings withMaxConnections(int value) {
        return new PoolSettings(value, maxWaiting, connectTimeout, idleTimeout, maxResponseBytes, offerHttp2);
    }

    /** A copy that does or does not offer h2. */
    public PoolSettings withOfferHttp2(boolean value) {
        return new PoolSettings(maxConnections, maxWaiting, connectTimeout, idleTimeout, maxResponseBytes, value);
    }
}

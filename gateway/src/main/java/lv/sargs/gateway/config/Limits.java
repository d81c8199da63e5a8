package lv.sargs.gateway.config;

import java.time.Duration;

/**
 * Resource limits of the client listener, each answered clearly when exceeded.
 *
 * @param maxHeaderBytes request line plus headers; beyond it 431
 * @param maxBodyBytes request body; beyond it 413
 * @param idleTimeout a keep-alive connection with no request for this long is closed
 * @param handshakeTimeout a TLS handshake not finished within this is cut off
 * @param maxConnectionsPerSource concurrent connections from one source address
 * @param maxRequestsInFlight requests being served at once over the whole listener; beyond it 503
 * @param requestTimeout the end-to-end budget of one request (the 3-second promise)
 */
public record Limits(int maxHeaderBytes, long maxBodyBytes, Duration idleTimeout, Duration handshakeTimeout,
                     int maxConnectionsPerSource, int maxRequestsInFlight, Duration requestTimeout) {
}

package lv.sargs.gateway.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * How to reach one upstream over mutual TLS: its HTTPS base, the only CA certificates trusted for
 * it, optional SPKI pins, and the client key on the token with its explicit certificate chain.
 *
 * @param spkiPins {@code sha256/<base64>} of the server's SubjectPublicKeyInfo; empty for none
 * @param maxConnections connections to the register open (or opening) at most; calls beyond wait for one
 */
public record UpstreamEndpoint(URI baseUri, Path trustedCa, List<String> spkiPins, String clientKeyLabel,
                               Path clientKeyChain, int maxConnections) {

    /**
     * The default of {@code maxConnections}. A company lookup asks VISS three things at once, so a
     * core system with 16 keep-alive connections asking for distinct companies keeps 48 calls in
     * flight on the one register; with fewer connections the rest wait a whole register latency in
     * the pool (16 did: p50 of three times the register's latency). 64 covers that with room for a
     * person lookup or the token endpoint, and still bounds what the register sees from one client
     * and the TLS handshakes (each a signature on the token) a cold start or a burst costs.
     */
    public static final int DEFAULT_MAX_CONNECTIONS = 64;

    /** The bounds of {@code maxConnections}, as the upstream pool accepts them. */
    public static final int MIN_CONNECTIONS = 1;
    public static final int MAX_CONNECTIONS = 1024;

    public UpstreamEndpoint {
        spkiPins = List.copyOf(spkiPins);
    }
}

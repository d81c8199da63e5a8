package lv.sargs.gateway.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * How to reach one upstream over mutual TLS: its HTTPS base, the only CA certificates trusted for
 * it, optional SPKI pins, and the client key on the token with its explicit certificate chain.
 *
 * @param spkiPins {@code sha256/<base64>} of the server's SubjectPublicKeyInfo; empty for none
 */
public record UpstreamEndpoint(URI baseUri, Path trustedCa, List<String> spkiPins, String clientKeyLabel,
                               Path clientKeyChain) {

    public UpstreamEndpoint {
        spkiPins = List.copyOf(spkiPins);
    }
}

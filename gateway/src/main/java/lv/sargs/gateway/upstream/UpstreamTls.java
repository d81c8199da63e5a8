package lv.sargs.gateway.upstream;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How we authenticate an upstream and ourselves to it: the only CA certificates trusted for its
 * server certificate (never the system store), optional SPKI pins, our client key, and how long a
 * handshake may take at most (the call's deadline may cut it shorter).
 *
 * @param trustedCas the upstream's CA certificates; at least one
 * @param spkiPins {@code sha256/<base64>} pins of a SubjectPublicKeyInfo anywhere in the server's
 *     chain, okhttp style; empty for no pinning
 * @param clientKey our key on the token and its registered chain
 * @param handshakeTimeout the longest a TLS handshake may take
 */
public record UpstreamTls(List<X509Certificate> trustedCas, List<String> spkiPins, ClientKey clientKey,
                          Duration handshakeTimeout) {

    private static final Pattern PIN = Pattern.compile("sha256/[A-Za-z0-9+/]{43}=");

    public UpstreamTls {
        trustedCas = List.copyOf(trustedCas);
        spkiPins = List.copyOf(spkiPins);
        if (trustedCas.isEmpty()) {
            throw new IllegalArgumentException("tls.trustedCas: empty (expected: the upstream's CA certificates)");
        }
        for (int i = 0; i < spkiPins.size(); i++) {
            if (!PIN.matcher(spkiPins.get(i)).matches()) {
                throw new IllegalArgumentException("tls.spkiPins[" + i + "]: " + spkiPins.get(i)
                        + " (expected: sha256/ followed by 44 base64 characters)");
            }
        }
        Settings.requirePositive("tls.handshakeTimeout", handshakeTimeout);
    }
}

package lv.sargs.gateway.upstream.core;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The client key on the token that an upstream knows us by: its label and the certificate chain
 * (leaf first) registered with the upstream, presented in mutual TLS and in JWT {@code x5c}.
 *
 * @param label the key's label on the token
 * @param chain the leaf certificate first, then intermediates
 */
public record ClientKey(String label, List<X509Certificate> chain) {

    public ClientKey {
        if (label == null || label.isBlank()) {
            throw new IllegalArgumentException("clientKey.label: '" + label + "' (expected: a key label on the token)");
        }
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("clientKey.chain: empty (expected: leaf certificate first)");
        }
    }

    /** The leaf certificate. */
    public X509Certificate leaf() {
        return chain.get(0);
    }
}

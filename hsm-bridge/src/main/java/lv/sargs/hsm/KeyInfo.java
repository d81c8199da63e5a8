package lv.sargs.hsm;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One key pair on a token as an admin sees it: label, CKA_ID (hex), algorithm, public key and the
 * imported certificate chain (leaf first, empty when none).
 */
public record KeyInfo(String label, String idHex, KeySpec spec, PublicKey publicKey,
                      List<X509Certificate> chain) {

    public KeyInfo {
        chain = List.copyOf(chain);
    }

    /** The leaf certificate's notAfter, when a chain is imported. */
    public Optional<Instant> notAfter() {
        return chain.isEmpty() ? Optional.empty() : Optional.of(chain.get(0).getNotAfter().toInstant());
    }
}

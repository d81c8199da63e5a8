package lv.sargs.gateway.upstream.http;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * SPKI pins in okhttp's form, {@code sha256/<base64 of SHA-256(SubjectPublicKeyInfo)>}: computing
 * them for certificates (for operators and provisioning) and checking a server's chain against a
 * configured set, with a failure message that lists the peer's pins next to the configured ones.
 */
public final class SpkiPins {

    private SpkiPins() {
    }

    /** The pin of {@code certificate}'s public key. */
    public static String of(X509Certificate certificate) {
        try {
            byte[] spki = certificate.getPublicKey().getEncoded();
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(spki);
            return "sha256/" + Base64.getEncoder().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /**
     * Null when {@code pins} is empty or matches a certificate of the verified chain — what the
     * server sent plus the configured CA that issued its last certificate (servers rarely send the
     * root); otherwise the failure message for the operator.
     */
    static String mismatch(List<String> pins, Certificate[] peerChain, List<X509Certificate> trustedCas, String host) {
        if (pins.isEmpty()) {
            return null;
        }
        List<X509Certificate> chain = new ArrayList<>(peerChain.length + 1);
        for (Certificate c : peerChain) {
            if (c instanceof X509Certificate x) {
                chain.add(x);
            }
        }
        if (!chain.isEmpty()) {
            X509Certificate last = chain.get(chain.size() - 1);
            for (X509Certificate ca : trustedCas) {
                if (!ca.equals(last) && issued(ca, last)) {
                    chain.add(ca);
                    break;
                }
            }
        }
        List<String> peer = new ArrayList<>(chain.size());
        for (X509Certificate x : chain) {
            String pin = of(x);
            if (pins.contains(pin)) {
                return null;
            }
            peer.add(pin + ": " + x.getSubjectX500Principal().getName());
        }
        return "certificate pinning failure for " + host + "\n  peer certificate chain:\n    "
                + String.join("\n    ", peer) + "\n  pinned certificates:\n    " + String.join("\n    ", pins);
    }

    private static boolean issued(X509Certificate ca, X509Certificate certificate) {
        if (!ca.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
            return false;
        }
        try {
            certificate.verify(ca.getPublicKey());
            return true;
        } catch (java.security.GeneralSecurityException e) {
            return false;
        }
    }
}

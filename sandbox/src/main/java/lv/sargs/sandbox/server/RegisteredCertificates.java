package lv.sargs.sandbox.server;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The client certificates a simulator accepts, by SHA-256 fingerprint of the DER encoding: as
 * the real services register each client's exact certificate, not an issuing CA. Changes apply
 * to handshakes from then on.
 */
public final class RegisteredCertificates {

    private final Set<String> fingerprints = ConcurrentHashMap.newKeySet();

    /** Accepts {@code certificate} from now on. */
    public void register(X509Certificate certificate) {
        fingerprints.add(fingerprint(certificate));
    }

    /** Refuses {@code certificate} from now on. */
    public void unregister(X509Certificate certificate) {
        fingerprints.remove(fingerprint(certificate));
    }

    /** Whether {@code certificate} is registered. */
    public boolean contains(X509Certificate certificate) {
        return fingerprints.contains(fingerprint(certificate));
    }

    /** The lower-case hex SHA-256 of the certificate's DER encoding. */
    public static String fingerprint(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint " + certificate.getSubjectX500Principal(), e);
        }
    }
}

package lv.sargs.gateway.tls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;

/** SHA-256 fingerprints of certificates (the digest of the DER encoding), and their one printed form. */
public final class CertificateFingerprint {

    private static final HexFormat COLON_HEX = HexFormat.ofDelimiter(":").withUpperCase();

    private CertificateFingerprint() {
    }

    /** The SHA-256 digest of the certificate's DER encoding. */
    public static byte[] sha256(X509Certificate certificate) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("certificate " + certificate.getSubjectX500Principal()
                    + " (expected: a DER-encodable X.509 certificate)", e);
        }
    }

    /** {@code AB:CD:…} upper-case colon hex, the form the config and {@code openssl x509 -fingerprint -sha256} use. */
    public static String format(byte[] sha256) {
        return COLON_HEX.formatHex(sha256);
    }
}

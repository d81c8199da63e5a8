package lv.sargs.hsm.core;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import lv.sargs.hsm.TokenException;
import lv.sargs.hsm.TokenException.Code;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;

/** Certificate rules shared by the tokens: chain-to-key matching, key ids, and placeholder certificates. */
public final class Certificates {

    /** The organisational unit that marks a self-signed placeholder, which is never reported as a chain. */
    public static final String PLACEHOLDER_OU = "sargs key placeholder";

    private Certificates() {
    }

    /** Refuses {@code chain} unless its leaf carries {@code keyPublic}; the message says which key and which certificate. */
    public static void requireMatch(String tokenName, String label, PublicKey keyPublic, List<X509Certificate> chain) {
        if (chain.isEmpty()) {
            throw new TokenException(Code.CERTIFICATE_MISMATCH,
                    tokenName + ": empty certificate chain for key '" + label + "' (expected: leaf first)");
        }
        X509Certificate leaf = chain.get(0);
        if (!java.util.Arrays.equals(leaf.getPublicKey().getEncoded(), keyPublic.getEncoded())) {
            throw new TokenException(Code.CERTIFICATE_MISMATCH, tokenName + ": certificate '"
                    + leaf.getSubjectX500Principal().getName() + "' (serial " + leaf.getSerialNumber().toString(16)
                    + ") does not match key '" + label + "': its public key is not the key's public key"
                    + " (expected: a certificate issued for the CSR of '" + label + "')");
        }
    }

    /** The key id the appliance gives a key pair: SHA-1 of the encoded public key, as PKCS#11 tools do. */
    public static byte[] keyId(PublicKey publicKey) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(publicKey.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new TokenException(Code.OPERATION_FAILED, "SHA-1 unavailable", e);
        }
    }

    /** Hex of a key id. */
    public static String hex(byte[] id) {
        return HexFormat.of().formatHex(id);
    }

    /** Whether {@code cert} is a placeholder made by {@link #placeholder}. */
    public static boolean isPlaceholder(X509Certificate cert) {
        return cert.getSubjectX500Principal().getName().contains("OU=" + PLACEHOLDER_OU);
    }

    /**
     * A self-signed certificate for a key that has none yet, so that key stores (PKCS#11's
     * included) keep the key as an entry until the real chain is imported.
     */
    public static X509Certificate placeholder(String label, PublicKey publicKey, ContentSigner signer) {
        try {
            X500Principal name = new X500Principal("CN=" + label.replace(",", "\\,") + ", OU=" + PLACEHOLDER_OU);
            Instant now = Instant.now();
            X509CertificateHolder holder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
                    Date.from(now.minus(Duration.ofMinutes(1))), Date.from(now.plus(Duration.ofDays(3650))), name,
                    publicKey).build(signer);
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (GeneralSecurityException e) {
            throw new TokenException(Code.OPERATION_FAILED, "cannot make a placeholder certificate for key '" + label + "'", e);
        }
    }

    /**
     * Every X.509 certificate of a PEM file, in file order (a chain leaf first, or a set of CAs).
     *
     * @param setting the config path or option naming the file, for the message, e.g. {@code --chain}
     * @throws IllegalArgumentException naming the setting and the file when it cannot be read or holds no certificate
     */
    public static List<X509Certificate> readPem(String setting, java.nio.file.Path file) {
        List<X509Certificate> out = new java.util.ArrayList<>();
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(file)) {
            for (java.security.cert.Certificate c : java.security.cert.CertificateFactory.getInstance("X.509")
                    .generateCertificates(in)) {
                out.add((X509Certificate) c);
            }
        } catch (java.io.IOException | java.security.cert.CertificateException e) {
            throw new IllegalArgumentException(setting + ": " + file
                    + " (expected: a readable PEM file of certificates; " + e.getMessage() + ")", e);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(setting + ": " + file + " (expected: at least one PEM certificate)");
        }
        return out;
    }
}

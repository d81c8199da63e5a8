package lv.sargs.hsm.core;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import lv.sargs.hsm.SignatureAlgorithm;
import lv.sargs.hsm.TokenException;
import lv.sargs.hsm.TokenException.Code;

/** JCA {@link Signature} objects for the appliance's {@link SignatureAlgorithm}s, parameters included. */
public final class Signatures {

    /** RSASSA-PSS as the appliance uses it: SHA-256, MGF1 with SHA-256, 32-byte salt. */
    public static final PSSParameterSpec PSS_SHA256 =
            new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1);

    private Signatures() {
    }

    /** A signature initialised for signing with {@code key}, from {@code provider} when not null. */
    public static Signature forSigning(SignatureAlgorithm algorithm, PrivateKey key, Provider provider)
            throws GeneralSecurityException {
        Signature signature = instance(algorithm, provider);
        signature.initSign(key);
        if (algorithm == SignatureAlgorithm.RSASSA_PSS_SHA256) {
            signature.setParameter(PSS_SHA256);
        }
        return signature;
    }

    /** A signature initialised for verifying with {@code key} in software. */
    public static Signature forVerifying(SignatureAlgorithm algorithm, PublicKey key) throws GeneralSecurityException {
        Signature signature = instance(algorithm, null);
        signature.initVerify(key);
        if (algorithm == SignatureAlgorithm.RSASSA_PSS_SHA256) {
            signature.setParameter(PSS_SHA256);
        }
        return signature;
    }

    /** Refuses an algorithm that does not fit the key's type, naming both. */
    public static void requireFits(SignatureAlgorithm algorithm, Key key, String tokenName, String label) {
        String expected = algorithm == SignatureAlgorithm.SHA256_WITH_RSA
                || algorithm == SignatureAlgorithm.RSASSA_PSS_SHA256 ? "RSA" : "EC";
        if (!expected.equals(key.getAlgorithm())) {
            throw new TokenException(Code.UNSUPPORTED, tokenName + ": key '" + label + "' is " + key.getAlgorithm()
                    + ", cannot sign " + algorithm.jcaName() + " (expected: an " + expected + " key)");
        }
    }

    /** The cipher for {@link lv.sargs.hsm.Token#decrypt}: RSAES-PKCS1-v1_5, initialised with {@code key}. */
    public static javax.crypto.Cipher forDecrypting(PrivateKey key, Provider provider) throws GeneralSecurityException {
        if (!"RSA".equals(key.getAlgorithm())) {
            throw new java.security.InvalidKeyException("decryption needs an RSA key, not " + key.getAlgorithm());
        }
        javax.crypto.Cipher cipher = provider == null ? javax.crypto.Cipher.getInstance("RSA/ECB/PKCS1Padding")
                : javax.crypto.Cipher.getInstance("RSA/ECB/PKCS1Padding", provider);
        cipher.init(javax.crypto.Cipher.DECRYPT_MODE, key);
        return cipher;
    }

    private static Signature instance(SignatureAlgorithm algorithm, Provider provider) throws GeneralSecurityException {
        return provider == null ? Signature.getInstance(algorithm.jcaName())
                : Signature.getInstance(algorithm.jcaName(), provider);
    }
}

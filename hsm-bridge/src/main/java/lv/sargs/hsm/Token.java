package lv.sargs.hsm;

import lv.sargs.hsm.tokens.Tokens;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * A key store whose private keys never leave it — a PKCS#11 token, or the in-memory demo token —
 * used only through this interface, with every private-key operation run on the token's own
 * bounded executor and completed (or failed with a {@link TokenException}) within its deadline.
 */
public interface Token extends AutoCloseable {

    /** A name for messages and the status model, e.g. {@code token 'sargs' (SoftHSM)}; never the PIN. */
    String name();

    /** False only for the demo token, which keeps its keys in memory and must never serve a bank. */
    boolean forProduction();

    /** The token's health as last observed by its probe. */
    TokenHealth health();

    /** Registers a listener called (on the token's thread) each time {@link #health()} changes. */
    void onHealthChange(Consumer<TokenHealth> listener);

    /** The key pairs on the token, with their certificate chains where imported. */
    List<KeyInfo> listKeys();

    /** Generates a persistent, sensitive, non-extractable key pair under {@code label}. */
    KeyInfo generateKeyPair(String label, KeySpec spec);

    /**
     * Stores {@code chain} (leaf first) for the key {@code label}, after checking that the leaf's
     * public key is the key's public key; refuses with {@link TokenException.Code#CERTIFICATE_MISMATCH}
     * otherwise.
     */
    void importCertificateChain(String label, List<X509Certificate> chain);

    /** Deletes the key pair and certificate chain stored under {@code label}. */
    void deleteKey(String label);

    /** The certificate chain (leaf first) imported for {@code label}; empty when none is. */
    List<X509Certificate> certificateChain(String label);

    /** Signs {@code data} with the private key {@code label} on the token's executor. */
    CompletableFuture<byte[]> sign(String label, SignatureAlgorithm algorithm, byte[] data);

    /**
     * Decrypts {@code ciphertext} with the RSA private key {@code label} (RSAES-PKCS1-v1_5, the CMS
     * key transport of {@code .p7m} files) on the token's executor; the result is the content key.
     * Tokens that cannot decrypt fail with {@link TokenException.Code#UNSUPPORTED}.
     */
    default CompletableFuture<byte[]> decrypt(String label, byte[] ciphertext) {
        return CompletableFuture.failedFuture(new TokenException(TokenException.Code.UNSUPPORTED,
                name() + ": cannot decrypt with key '" + label + "'"));
    }

    /**
     * A key manager that presents exactly the key {@code label} with exactly {@code chain}, for
     * mutual TLS; the handshake's private-key operation runs on the token.
     */
    X509ExtendedKeyManager keyManager(String label, List<X509Certificate> chain);

    /** Logs out and releases the token; further calls fail with {@link TokenException.Code#CLOSED}. */
    @Override
    void close();
}

package lv.sargs.gateway.tls;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.X509ExtendedKeyManager;
import lv.sargs.hsm.Token;

/**
 * The server key a listener presents: on a token (by label, with an explicit chain), whose private
 * key never leaves it, or — in tests and simulators — a plain key manager.
 */
public final class ServerKey {

    private final X509ExtendedKeyManager keyManager;
    private final Token token;
    private final String label;
    private final List<X509Certificate> chain;

    private ServerKey(X509ExtendedKeyManager keyManager, Token token, String label, List<X509Certificate> chain) {
        this.keyManager = keyManager;
        this.token = token;
        this.label = label;
        this.chain = chain;
    }

    /** The key {@code label} on {@code token}, presented with {@code chain} (leaf first). */
    public static ServerKey onToken(Token token, String label, List<X509Certificate> chain) {
        return new ServerKey(token.keyManager(label, chain), token, label, List.copyOf(chain));
    }

    /** A key behind a key manager only; BoringSSL then reads the private key from it, so it must be extractable. */
    public static ServerKey of(X509ExtendedKeyManager keyManager) {
        return new ServerKey(Objects.requireNonNull(keyManager, "keyManager"), null, null, List.of());
    }

    X509ExtendedKeyManager keyManager() {
        return keyManager;
    }

    /** The token holding the key, or null for a plain key manager. */
    Token token() {
        return token;
    }

    String label() {
        return label;
    }

    List<X509Certificate> chain() {
        return chain;
    }
}

package lv.sargs.hsm.tls;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.function.Supplier;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * A key manager that presents exactly one key under one fixed alias with one explicit chain —
 * never a chain rebuilt from a key store by subject name — as client or server, whenever the
 * peer accepts the key's type.
 *
 * <p>The private key may be a token handle (a SunPKCS11 key): JSSE then signs the handshake
 * through the token's provider on the thread running the handshake's delegated tasks, so give
 * Netty's {@code SslContext.newHandler} a delegated-task executor that is not an event loop.
 */
public final class FixedKeyManager extends X509ExtendedKeyManager {

    private final String alias;
    private final Supplier<PrivateKey> privateKey;
    private final X509Certificate[] chain;
    private final String keyType;

    /** Presents {@code privateKey} with {@code chain} (leaf first) under {@code alias}. */
    public FixedKeyManager(String alias, PrivateKey privateKey, List<X509Certificate> chain) {
        this(alias, () -> privateKey, chain);
    }

    /**
     * Presents the key {@code privateKey} supplies at each handshake — a token handle that is
     * replaced when the token is re-opened — with {@code chain}; a null key fails the handshake.
     */
    public FixedKeyManager(String alias, Supplier<PrivateKey> privateKey, List<X509Certificate> chain) {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("key '" + alias + "': empty certificate chain (expected: leaf first)");
        }
        this.alias = alias;
        this.privateKey = privateKey;
        this.chain = chain.toArray(new X509Certificate[0]);
        this.keyType = chain.get(0).getPublicKey().getAlgorithm();
    }

    private String ifAccepted(String... keyTypes) {
        if (keyTypes == null) {
            return null;
        }
        for (String type : keyTypes) {
            if (accepts(type)) {
                return alias;
            }
        }
        return null;
    }

    private boolean accepts(String type) {
        if (type == null) {
            return false;
        }
        // JSSE asks with "RSA", "RSASSA-PSS", "EC", and for TLS 1.2 "EC_EC"/"EC_RSA"-style pairs.
        String base = type.contains("_") ? type.substring(0, type.indexOf('_')) : type;
        return base.equals(keyType);
    }

    @Override
    public String[] getClientAliases(String type, Principal[] issuers) {
        return accepts(type) ? new String[] {alias} : null;
    }

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
        return ifAccepted(keyTypes);
    }

    @Override
    public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
        return ifAccepted(keyTypes);
    }

    @Override
    public String[] getServerAliases(String type, Principal[] issuers) {
        return accepts(type) ? new String[] {alias} : null;
    }

    @Override
    public String chooseServerAlias(String type, Principal[] issuers, Socket socket) {
        return ifAccepted(type);
    }

    @Override
    public String chooseEngineServerAlias(String type, Principal[] issuers, SSLEngine engine) {
        return ifAccepted(type);
    }

    @Override
    public X509Certificate[] getCertificateChain(String requested) {
        return alias.equals(requested) ? chain.clone() : null;
    }

    @Override
    public PrivateKey getPrivateKey(String requested) {
        return alias.equals(requested) ? privateKey.get() : null;
    }
}

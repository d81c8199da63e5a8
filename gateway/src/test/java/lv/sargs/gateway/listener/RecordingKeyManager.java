package lv.sargs.gateway.listener;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * A server key manager that records the threads it is asked for the key on (the token's would sign
 * there) and counts the times the JDK chose the server key (once per full handshake).
 */
final class RecordingKeyManager extends X509ExtendedKeyManager {

    final Set<String> keyThreads = ConcurrentHashMap.newKeySet();
    final AtomicInteger serverKeyChoices = new AtomicInteger();
    private final X509ExtendedKeyManager delegate;

    RecordingKeyManager(X509ExtendedKeyManager delegate) {
        this.delegate = delegate;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        keyThreads.add(Thread.currentThread().getName());
        String alias = delegate.chooseEngineServerAlias(keyType, issuers, engine);
        if (alias != null) {
            serverKeyChoices.incrementAndGet();
        }
        return alias;
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        keyThreads.add(Thread.currentThread().getName());
        return delegate.getPrivateKey(alias);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return delegate.getCertificateChain(alias);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return delegate.getServerAliases(keyType, issuers);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return delegate.chooseServerAlias(keyType, issuers, socket);
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return null;
    }
}

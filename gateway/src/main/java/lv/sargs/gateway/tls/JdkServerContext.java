package lv.sargs.gateway.tls;

import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.CipherSuiteFilter;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.IdentityCipherSuiteFilter;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * A server {@link SslContext} on the JDK's TLS, requiring a client certificate chained to the
 * given CAs, built from a {@link SSLContext} of our own rather than by Netty's
 * {@code SslContextBuilder}.
 *
 * <p>Why not the builder: its JDK server context runs a one-off check in its static initialiser
 * that builds a PKCS#12 key store around a demo RSA key and reads it back, two PBKDF2 derivations
 * of 10,000 rounds each in a cold JVM; that alone was about 40% of the main thread's time to
 * ready (bench/RESULTS.md, "Start-up: the critical path"). The check only decides whether Netty
 * may wrap the trust manager for its own client-side hostname messages and resumption hooks,
 * neither of which a server with our trust manager uses.
 */
public final class JdkServerContext {

    private JdkServerContext() {
    }

    /**
     * @param protocols the enabled protocols, already validated
     * @param ciphers the cipher suites to offer, or null for the JDK's defaults
     * @param alpn the application protocols, {@link ApplicationProtocolConfig#DISABLED} for none
     * @param sessionTimeout how long a session (and so a ticket) may resume, or null for the JDK's default
     * @throws GeneralSecurityException when the JDK cannot make the context from the key manager and CAs
     */
    public static SslContext build(X509ExtendedKeyManager keyManager, List<X509Certificate> clientCas,
                                   List<String> protocols, Iterable<String> ciphers, ApplicationProtocolConfig alpn,
                                   Duration sessionTimeout) throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(new KeyManager[] {keyManager}, trustManagers(clientCas).getTrustManagers(), null);
        if (sessionTimeout != null) {
            context.getServerSessionContext().setSessionTimeout((int) sessionTimeout.toSeconds());
        }
        // As the builder: the JDK's default suites as they are, or the given ones that the JDK supports.
        CipherSuiteFilter filter = ciphers == null ? IdentityCipherSuiteFilter.INSTANCE : SupportedCipherSuiteFilter.INSTANCE;
        return new JdkSslContext(context, false, ciphers, filter, alpn, ClientAuth.REQUIRE,
                protocols.toArray(new String[0]), false);
    }

    private static TrustManagerFactory trustManagers(List<X509Certificate> clientCas) throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        try {
            store.load(null, null);
        } catch (IOException e) {
            // An empty in-memory store reads nothing; the JDK declares the exception for streams.
            throw new GeneralSecurityException("cannot create an empty key store: " + e.getMessage(), e);
        }
        for (int i = 0; i < clientCas.size(); i++) {
            store.setCertificateEntry("client-ca-" + i, clientCas.get(i));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return factory;
    }
}

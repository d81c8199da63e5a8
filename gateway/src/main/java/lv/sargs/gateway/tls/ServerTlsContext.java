package lv.sargs.gateway.tls;

import io.netty.handler.codec.http2.Http2SecurityUtil;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.OpenSslContextOption;
import io.netty.handler.ssl.OpenSslSessionContext;
import io.netty.handler.ssl.OpenSslX509KeyManagerFactory;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLException;
import javax.net.ssl.X509ExtendedKeyManager;
import lv.sargs.gateway.config.ServerTls;
import lv.sargs.gateway.config.TlsProvider;
import org.tinylog.Logger;

/**
 * Builds the server side of a listener's TLS: TLS 1.3/1.2 only, the server key presented through
 * the given key manager (in production the token's), client certificates required and chained to
 * {@link ServerTls#clientCa()}, ALPN offering {@code h2} then {@code http/1.1}, and only the
 * AEAD forward-secret cipher suites HTTP/2 permits (RFC 9113 §9.2.2) — the same with either
 * {@link TlsProvider}; with OPENSSL the handshake signature is delegated to the token.
 *
 * <p>Sessions resume by TLS 1.3 tickets (and TLS 1.2 tickets or session IDs) for
 * {@link SessionTickets#LIFETIME}, with either provider; the ticket keys live in memory only and
 * rotate hourly: with OPENSSL by {@link SessionTickets}, with JDK by the JDK itself (its stateless
 * ticket keys, {@code jdk.tls.server.statelessKeyTimeout}, 3600 s by default). A resumed connection
 * carries the client certificate of its full handshake, and the listener checks it as on any other.
 */
public final class ServerTlsContext {

    private static final Set<String> PERMITTED_PROTOCOLS = Set.of("TLSv1.3", "TLSv1.2");

    private ServerTlsContext() {
    }

    /**
     * The context on the JDK provider, whatever {@link ServerTls#provider()} says (the management listener's).
     *
     * @param path the config path of these settings, for messages, e.g. {@code listeners.client.tls}
     * @throws TlsSetupException naming the setting when the CA file or the protocol list is unusable
     */
    public static SslContext forServer(String path, ServerTls tls, X509ExtendedKeyManager keyManager)
            throws TlsSetupException {
        List<String> protocols = protocols(path, tls.protocols());
        List<X509Certificate> clientCas = PemCertificates.read(path + ".clientCa", tls.clientCa());
        try {
            return JdkServerContext.build(keyManager, clientCas, protocols, Http2SecurityUtil.CIPHERS, alpn(),
                    SessionTickets.LIFETIME);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new TlsSetupException(TlsSetupException.Code.CONTEXT_FAILED,
                    path + ": " + e.getMessage() + " (expected: a usable server key and client CA)", e);
        }
    }

    /** A built context and the provider it runs, for logs and the status model. */
    public record Built(SslContext context, ServingTls provider) {
    }

    /**
     * The context with {@link ServerTls#provider()}: OPENSSL falls back to JDK, with an ERROR naming
     * why, when BoringSSL cannot be loaded on this machine.
     *
     * @param path the config path of these settings, for messages, e.g. {@code listeners.client.tls}
     * @throws TlsSetupException naming the setting when the CA file, protocols or chain are unusable
     */
    public static Built forServer(String path, ServerTls tls, ServerKey key) throws TlsSetupException {
        if (tls.provider() == TlsProvider.OPENSSL) {
            if (OpenSsl.isAvailable()) {
                ServingTls provider = ServingTls.openSsl(OpenSsl.versionString());
                SslContext context = build(path, tls, openSsl(path, key));
                // BoringSSL issues tickets only once it has keys; ours rotate as connections arrive.
                OpenSslSessionContext sessions = (OpenSslSessionContext) context.sessionContext();
                SessionTickets tickets = new SessionTickets(sessions::setTicketKeys, System::nanoTime,
                        SessionTickets.ROTATION);
                return new Built(new TicketRotatingContext(context, tickets), provider);
            }
            String why = String.valueOf(OpenSsl.unavailabilityCause());
            // Never silent: an ERROR at start-up and a DEGRADED listener until the admin decides.
            Logger.error("{}.provider: OPENSSL (BoringSSL) cannot be loaded on this machine ({}); serving with JDK"
                    + " at a higher CPU cost per request (expected: the gateway's own netty-tcnative for this platform;"
                    + " set {}.provider: JDK to choose JDK deliberately)", path, why, path);
            return new Built(forServer(path, tls, key.keyManager()), ServingTls.fallbackToJdk(why));
        }
        return new Built(forServer(path, tls, key.keyManager()), ServingTls.JDK);
    }

    private static SslContextBuilder openSsl(String path, ServerKey key) throws TlsSetupException {
        if (key.token() == null) {
            return SslContextBuilder.forServer(key.keyManager()).sslProvider(SslProvider.OPENSSL);
        }
        try {
            // Keyless: BoringSSL gets only the chain; every private-key operation goes to the token.
            return SslContextBuilder.forServer(OpenSslX509KeyManagerFactory.newKeyless(
                            key.chain().toArray(new X509Certificate[0])))
                    .sslProvider(SslProvider.OPENSSL)
                    .option(OpenSslContextOption.ASYNC_PRIVATE_KEY_METHOD, new TokenKeyMethod(key.token(), key.label()));
        } catch (GeneralSecurityException | IOException e) {
            throw new TlsSetupException(TlsSetupException.Code.CONTEXT_FAILED, path + ".certificateChain: "
                    + e.getMessage() + " (expected: a chain BoringSSL accepts)", e);
        }
    }

    private static SslContext build(String path, ServerTls tls, SslContextBuilder builder) throws TlsSetupException {
        List<String> protocols = protocols(path, tls.protocols());
        List<X509Certificate> clientCas = PemCertificates.read(path + ".clientCa", tls.clientCa());
        try {
            return builder
                    .protocols(protocols)
                    .ciphers(Http2SecurityUtil.CIPHERS, SupportedCipherSuiteFilter.INSTANCE)
                    .clientAuth(ClientAuth.REQUIRE)
                    // Bounds how long a session, and so a ticket, may resume without a full handshake.
                    .sessionTimeout(SessionTickets.LIFETIME.toSeconds())
                    .trustManager(clientCas)
                    .applicationProtocolConfig(alpn())
                    .build();
        } catch (SSLException e) {
            throw new TlsSetupException(TlsSetupException.Code.CONTEXT_FAILED,
                    path + ": " + e.getMessage() + " (expected: a usable server key and client CA)", e);
        }
    }

    private static ApplicationProtocolConfig alpn() {
        return new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                // A client offering neither protocol gets no ALPN answer and is served HTTP/1.1.
                ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1);
    }

    private static List<String> protocols(String path, List<String> configured) throws TlsSetupException {
        if (configured.isEmpty()) {
            throw new TlsSetupException(TlsSetupException.Code.PROTOCOLS_INVALID,
                    path + ".protocols: [] (expected: TLSv1.3 and/or TLSv1.2)", null);
        }
        for (int i = 0; i < configured.size(); i++) {
            if (!PERMITTED_PROTOCOLS.contains(configured.get(i))) {
                throw new TlsSetupException(TlsSetupException.Code.PROTOCOLS_INVALID,
                        path + ".protocols[" + i + "]: " + configured.get(i) + " (expected: TLSv1.3 or TLSv1.2)", null);
            }
        }
        return configured;
    }
}

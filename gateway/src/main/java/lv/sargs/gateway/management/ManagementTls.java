package lv.sargs.gateway.management;

import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.SslContext;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLException;
import javax.net.ssl.X509ExtendedKeyManager;
import lv.sargs.gateway.config.ServerTls;
import lv.sargs.gateway.tls.JdkServerContext;
import lv.sargs.gateway.tls.PemCertificates;
import lv.sargs.gateway.tls.TlsSetupException;

/**
 * The management listener's TLS: like the client listener's (TLS 1.3/1.2, the key on the token,
 * client certificates required) but without ALPN, because this listener speaks HTTP/1.1 only and
 * a scraper offered {@code h2} would otherwise pick it.
 */
public final class ManagementTls {

    private ManagementTls() {
    }

    /**
     * @throws TlsSetupException naming {@code listeners.management.tls.clientCa} when it cannot be read
     * @throws SSLException when the key manager or the CAs cannot make a context
     */
    public static SslContext forServer(ServerTls tls, X509ExtendedKeyManager keyManager)
            throws TlsSetupException, SSLException {
        List<X509Certificate> clientCas = PemCertificates.read("listeners.management.tls.clientCa", tls.clientCa());
        try {
            return JdkServerContext.build(keyManager, clientCas, tls.protocols(), null, ApplicationProtocolConfig.DISABLED,
                    null);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new SSLException("listeners.management.tls: " + e.getMessage(), e);
        }
    }
}

package lv.sargs.gateway.management;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.security.cert.X509Certificate;
import java.util.List;
import java.io.IOException;
import java.security.cert.CertificateException;
import javax.net.ssl.X509ExtendedKeyManager;
import lv.sargs.gateway.config.PemCertificates;
import lv.sargs.gateway.config.ServerTls;

/**
 * The management listener's TLS: like the client listener's (TLS 1.3/1.2, the key on the token,
 * client certificates required) but without ALPN, because this listener speaks HTTP/1.1 only and
 * a scraper offered {@code h2} would otherwise pick it.
 */
public final class ManagementTls {

    private ManagementTls() {
    }

    /**
     * @throws IOException when {@code tls.clientCa} cannot be read or the context cannot be made
     */
    public static SslContext forServer(ServerTls tls, X509ExtendedKeyManager keyManager) throws IOException {
        List<X509Certificate> clientCas;
        try {
            clientCas = PemCertificates.read(tls.clientCa());
        } catch (CertificateException e) {
            throw new IOException("listeners.management.tls.clientCa: " + tls.clientCa()
                    + " (expected: PEM CA certificates)", e);
        }
        return SslContextBuilder.forServer(keyManager)
                .sslProvider(SslProvider.JDK)
                .protocols(tls.protocols())
                .clientAuth(ClientAuth.REQUIRE)
                .trustManager(clientCas)
                .build();
    }
}

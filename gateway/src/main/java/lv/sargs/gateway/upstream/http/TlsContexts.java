package lv.sargs.gateway.upstream.http;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import javax.net.ssl.SSLException;
import lv.sargs.gateway.upstream.Phase;
import lv.sargs.gateway.upstream.UpstreamException;
import lv.sargs.gateway.upstream.UpstreamSettings;
import lv.sargs.hsm.Token;
import lv.sargs.hsm.TokenException;

/**
 * Builds an upstream's client TLS context: our key on the token (exactly that key and chain),
 * trust in the upstream's configured CAs only, TLS 1.3/1.2, HTTPS hostname verification.
 */
final class TlsContexts {

    private TlsContexts() {
    }

    /** Blocks on the token once (at start-up, never on an event loop). */
    static SslContext forUpstream(UpstreamSettings settings, Token token) {
        var tls = settings.tls();
        try {
            var keyManager = token.keyManager(tls.clientKey().label(), tls.clientKey().chain());
            return SslContextBuilder.forClient()
                    .sslProvider(SslProvider.JDK)
                    .keyManager(keyManager)
                    .trustManager(tls.trustedCas())
                    .protocols("TLSv1.3", "TLSv1.2")
                    .endpointIdentificationAlgorithm("HTTPS")
                    .build();
        } catch (TokenException e) {
            throw new UpstreamException(UpstreamException.Code.CLIENT_KEY_FAILED, settings.name(), Phase.ADMISSION,
                    "client key '" + tls.clientKey().label() + "' on " + token.name() + ": " + e.getMessage(), e);
        } catch (SSLException e) {
            throw new UpstreamException(UpstreamException.Code.TLS_REFUSED, settings.name(), Phase.ADMISSION,
                    "cannot build the TLS context: " + e.getMessage(), e);
        }
    }
}

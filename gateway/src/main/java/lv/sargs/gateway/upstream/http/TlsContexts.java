package lv.sargs.gateway.upstream.http;

import io.netty.handler.codec.http2.Http2SecurityUtil;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolConfig.Protocol;
import io.netty.handler.ssl.ApplicationProtocolConfig.SelectedListenerFailureBehavior;
import io.netty.handler.ssl.ApplicationProtocolConfig.SelectorFailureBehavior;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import javax.net.ssl.SSLException;
import lv.sargs.gateway.upstream.core.Phase;
import lv.sargs.gateway.upstream.core.UpstreamException;
import lv.sargs.gateway.upstream.core.UpstreamSettings;
import lv.sargs.hsm.Token;
import lv.sargs.hsm.TokenException;

/**
 * Builds an upstream's client TLS context: our key on the token (exactly that key and chain),
 * trust in the upstream's configured CAs only, TLS 1.3/1.2, HTTPS hostname verification, and
 * ALPN offering h2 then http/1.1 when the pool offers HTTP/2.
 */
final class TlsContexts {

    private TlsContexts() {
    }

    /** Blocks on the token once (at start-up, never on an event loop). */
    static SslContext forUpstream(UpstreamSettings settings, Token token) {
        var tls = settings.tls();
        try {
            var keyManager = token.keyManager(tls.clientKey().label(), tls.clientKey().chain());
            SslContextBuilder builder = SslContextBuilder.forClient()
                    .sslProvider(SslProvider.JDK)
                    .keyManager(keyManager)
                    .trustManager(tls.trustedCas())
                    .protocols("TLSv1.3", "TLSv1.2")
                    .endpointIdentificationAlgorithm("HTTPS");
            if (settings.pool().offerHttp2()) {
                // RFC 9113 §9.2: TLS 1.2 suites h2 peers accept; TLS 1.3 suites all qualify.
                builder.ciphers(Http2SecurityUtil.CIPHERS, SupportedCipherSuiteFilter.INSTANCE)
                        .applicationProtocolConfig(new ApplicationProtocolConfig(Protocol.ALPN,
                                SelectorFailureBehavior.NO_ADVERTISE, SelectedListenerFailureBehavior.ACCEPT,
                                ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1));
            }
            return builder.build();
        } catch (TokenException e) {
            throw new UpstreamException(UpstreamException.Code.CLIENT_KEY_FAILED, settings.name(), Phase.ADMISSION,
                    "client key '" + tls.clientKey().label() + "' on " + token.name() + ": " + e.getMessage(), e);
        } catch (SSLException e) {
            throw new UpstreamException(UpstreamException.Code.TLS_REFUSED, settings.name(), Phase.ADMISSION,
                    "cannot build the TLS context: " + e.getMessage(), e);
        }
    }
}

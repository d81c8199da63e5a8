package lv.sargs.gateway.admission;

import lv.sargs.gateway.logging.RateLimitedWarning;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Optional;
import java.nio.channels.ClosedChannelException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLPeerUnverifiedException;
import lv.sargs.gateway.metrics.Metrics;

/**
 * Once the TLS handshake finished, matches the client certificate and source address against the
 * declared clients and stores the {@link ClientVerdict} on the connection. A refused client is
 * counted and logged at rate-limited WARN here, answered 403 by the HTTP layer, and cut off after
 * {@code refusedLinger} if it sends nothing. Failed handshakes (timeouts, untrusted certificates)
 * are counted and logged too. Having seen the handshake's outcome, it leaves the pipeline.
 */
@ChannelHandler.Sharable
public final class ClientRecognitionHandler extends ChannelInboundHandlerAdapter {

    private final String listener;
    private final DeclaredClients clients;
    private final long refusedLingerMillis;
    private final Metrics.Counter notDeclared;
    private final Metrics.Counter outsideSources;
    private final Metrics.Counter handshakeTimeout;
    private final Metrics.Counter handshakeFailed;
    private final RateLimitedWarning clientWarning = new RateLimitedWarning(AllowListFilter.WARN_INTERVAL);
    private final RateLimitedWarning handshakeWarning = new RateLimitedWarning(AllowListFilter.WARN_INTERVAL);

    /** @param refusedLinger how long a refused client has to send the request that receives the 403 */
    public ClientRecognitionHandler(String listener, DeclaredClients clients, Duration refusedLinger,
                                    Metrics metrics) {
        this.listener = listener;
        this.clients = clients;
        this.refusedLingerMillis = refusedLinger.toMillis();
        this.notDeclared = Refusals.counter(metrics, listener, "client-not-declared");
        this.outsideSources = Refusals.counter(metrics, listener, "client-outside-sources");
        this.handshakeTimeout = Refusals.counter(metrics, listener, "handshake-timeout");
        this.handshakeFailed = Refusals.counter(metrics, listener, "handshake-failed");
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof SslHandshakeCompletionEvent completion) {
            if (completion.isSuccess()) {
                recognise(ctx);
            } else {
                handshakeFailed(ctx, completion.cause());
            }
            ctx.fireUserEventTriggered(evt);
            if (ctx.pipeline().context(this) != null) {
                ctx.pipeline().remove(this);
            }
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    private void recognise(ChannelHandlerContext ctx) {
        InetSocketAddress remote = (InetSocketAddress) ctx.channel().remoteAddress();
        ClientVerdict verdict;
        try {
            Certificate[] peer = ctx.pipeline().get(SslHandler.class).engine().getSession().getPeerCertificates();
            X509Certificate certificate = (X509Certificate) peer[0];
            // A resumed TLS session skips the certificate's path validation: its dates are checked here.
            verdict = outsideValidity(certificate, Instant.now())
                    .orElseGet(() -> clients.recognise(certificate, remote.getAddress()));
        } catch (SSLPeerUnverifiedException e) {
            // Unreachable with client authentication required; refuse rather than trust.
            verdict = new UnrecognizedClient(UnrecognizedClient.Reason.NOT_DECLARED,
                    "No client certificate was presented.", "");
        }
        ctx.channel().attr(ClientVerdict.KEY).set(verdict);
        if (verdict instanceof UnrecognizedClient refused) {
            (refused.reason() == UnrecognizedClient.Reason.NOT_DECLARED ? notDeclared : outsideSources).increment();
            clientWarning.warn("{} listener: refused client from {}: {}{}", listener,
                    remote.getAddress().getHostAddress(), refused.detail(),
                    refused.logNote().isEmpty() ? "" : " (" + refused.logNote() + ")");
            // A client that never sends the request that would get the 403 is not left holding the socket.
            Runnable close = ctx.channel()::close;
            ctx.executor().schedule(close, refusedLingerMillis, TimeUnit.MILLISECONDS);
        }
    }

    /** A refusal when {@code certificate} is not valid at {@code now}, e.g. expired since its session began. */
    static Optional<ClientVerdict> outsideValidity(X509Certificate certificate, Instant now) {
        if (now.isAfter(certificate.getNotAfter().toInstant())) {
            return Optional.of(new UnrecognizedClient(UnrecognizedClient.Reason.NOT_DECLARED,
                    "The client certificate expired at " + certificate.getNotAfter().toInstant()
                            + " (expected: a certificate valid now; a resumed session does not outlive it).",
                    "expired certificate of " + certificate.getSubjectX500Principal().getName()));
        }
        if (now.isBefore(certificate.getNotBefore().toInstant())) {
            return Optional.of(new UnrecognizedClient(UnrecognizedClient.Reason.NOT_DECLARED,
                    "The client certificate is not valid before " + certificate.getNotBefore().toInstant() + ".",
                    "not yet valid certificate of " + certificate.getSubjectX500Principal().getName()));
        }
        return Optional.empty();
    }

    private void handshakeFailed(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof ClosedChannelException) {
            // Closed before the handshake ended: refused at admission, or the peer hung up; nothing to add.
            return;
        }
        String source = ctx.channel().remoteAddress() instanceof InetSocketAddress s
                ? s.getAddress().getHostAddress() : String.valueOf(ctx.channel().remoteAddress());
        if (cause instanceof SslHandshakeTimeoutException) {
            handshakeTimeout.increment();
            handshakeWarning.warn("{} listener: TLS handshake from {} timed out", listener, source);
        } else {
            handshakeFailed.increment();
            handshakeWarning.warn("{} listener: TLS handshake from {} failed: {}", listener, source, cause.getMessage());
        }
    }
}

package lv.sargs.gateway.upstream.http;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoop;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import io.netty.resolver.NoopAddressResolverGroup;
import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLPeerUnverifiedException;
import lv.sargs.gateway.metrics.Metrics;
import lv.sargs.gateway.upstream.core.Deadline;
import lv.sargs.gateway.upstream.core.Phase;
import lv.sargs.gateway.upstream.core.UpstreamException;
import lv.sargs.gateway.upstream.core.UpstreamException.Code;
import lv.sargs.gateway.upstream.core.UpstreamSettings;

/**
 * Opens one connection to the upstream within a deadline: resolve (off the event loop), connect,
 * TLS handshake with hostname verification, SPKI pin check; counts handshakes.
 */
final class ChannelOpener {

    static final String TLS = "tls";

    private final UpstreamSettings settings;
    private final SslContext sslContext;
    private final EventLoop loop;
    private final Class<? extends Channel> channelType;
    private final Executor blockingExecutor;
    private final Metrics.Counter handshakes;
    private final Metrics.Counter handshakeFailures;

    ChannelOpener(UpstreamSettings settings, SslContext sslContext, EventLoop loop, Class<? extends Channel> channelType,
                  Executor blockingExecutor, Metrics.Counter handshakes, Metrics.Counter handshakeFailures) {
        this.settings = settings;
        this.sslContext = sslContext;
        this.loop = loop;
        this.channelType = channelType;
        this.blockingExecutor = blockingExecutor;
        this.handshakes = handshakes;
        this.handshakeFailures = handshakeFailures;
    }

    /** A connected, verified channel, completed on the event loop. */
    CompletableFuture<Channel> open(Deadline deadline) {
        return resolve(deadline).thenComposeAsync(address -> connect(address, deadline), loop);
    }

    private CompletableFuture<InetSocketAddress> resolve(Deadline deadline) {
        String host = settings.host();
        if (NetUtil.isValidIpV4Address(host) || NetUtil.isValidIpV6Address(host)) {
            return CompletableFuture.completedFuture(
                    new InetSocketAddress(NetUtil.createInetAddressFromIpAddressString(host), settings.port()));
        }
        // InetAddress blocks: never on the event loop, and no longer than the deadline.
        CompletableFuture<InetSocketAddress> resolved = new CompletableFuture<>();
        var timer = loop.schedule(() -> resolved.completeExceptionally(
                UpstreamException.deadline(settings.name(), Phase.CONNECT, deadline)),
                Math.max(0, deadline.remainingNanos()), TimeUnit.NANOSECONDS);
        blockingExecutor.execute(() -> {
            try {
                resolved.complete(new InetSocketAddress(InetAddress.getByName(host), settings.port()));
            } catch (UnknownHostException e) {
                resolved.completeExceptionally(
                        fail(Code.CONNECT_FAILED, Phase.CONNECT, deadline, "cannot resolve " + host, e));
            } finally {
                timer.cancel(false);
            }
        });
        return resolved;
    }

    private CompletableFuture<Channel> connect(InetSocketAddress address, Deadline deadline) {
        CompletableFuture<Channel> result = new CompletableFuture<>();
        long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadline.remainingNanos());
        if (remainingMillis <= 0) {
            result.completeExceptionally(UpstreamException.deadline(settings.name(), Phase.CONNECT, deadline));
            return result;
        }
        int connectMillis = (int) Math.min(settings.pool().connectTimeout().toMillis(), remainingMillis);
        ChannelFuture connected = new Bootstrap()
                .group(loop)
                .channel(channelType)
                .resolver(NoopAddressResolverGroup.INSTANCE)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectMillis)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new Initializer(deadline, result))
                .connect(address);
        connected.addListener(f -> {
            if (!f.isSuccess()) {
                Throwable cause = f.cause();
                String what = cause instanceof ConnectTimeoutException
                        ? "connect to " + address + " timed out after " + connectMillis + " ms"
                        : "connect to " + address + ": " + cause.getMessage();
                result.completeExceptionally(fail(Code.CONNECT_FAILED, Phase.CONNECT, deadline, what, cause));
                return;
            }
            awaitHandshake(connected.channel(), deadline, result);
        });
        return result;
    }

    private void awaitHandshake(Channel channel, Deadline deadline, CompletableFuture<Channel> result) {
        SslHandler ssl = channel.pipeline().get(SslHandler.class);
        // Runs before the protocol selector sees the handshake: a refused pin stops the connection
        // before any request; on success the selector completes the result.
        ssl.handshakeFuture().addListener(f -> {
            if (!f.isSuccess()) {
                handshakeFailures.increment();
                channel.close();
                Code code = f.cause() instanceof SslHandshakeTimeoutException ? Code.CONNECT_FAILED
                        : ourKeyFailed(f.cause()) ? Code.CLIENT_KEY_FAILED : Code.TLS_REFUSED;
                result.completeExceptionally(fail(code, Phase.HANDSHAKE, deadline, "TLS handshake with "
                        + settings.host() + ":" + settings.port() + " failed: " + rootMessage(f.cause()), f.cause()));
                return;
            }
            handshakes.increment();
            String mismatch;
            try {
                mismatch = SpkiPins.mismatch(settings.tls().spkiPins(),
                        ssl.engine().getSession().getPeerCertificates(), settings.tls().trustedCas(),
                        settings.host());
            } catch (SSLPeerUnverifiedException e) {
                mismatch = "the server presented no certificate";
            }
            if (mismatch != null) {
                channel.close();
                result.completeExceptionally(new UpstreamException(Code.PIN_MISMATCH, settings.name(),
                        Phase.HANDSHAKE, mismatch));
            }
        });
    }

    /** A deadline failure when the deadline is what cut the phase short, the given failure otherwise. */
    private UpstreamException fail(Code code, Phase phase, Deadline deadline, String message, Throwable cause) {
        if (deadline.expired()) {
            return UpstreamException.deadline(settings.name(), phase, deadline);
        }
        return new UpstreamException(code, settings.name(), phase, message, cause);
    }

    /**
     * Whether the handshake failed because our key on the token could not sign (the token is
     * down), which must not count against the upstream; JSSE reports it as a provider failure.
     */
    private static boolean ourKeyFailed(Throwable t) {
        for (Throwable c = t; c != null && c.getCause() != c; c = c.getCause()) {
            if (c instanceof java.security.ProviderException || c instanceof lv.sargs.hsm.TokenException
                    || c.getClass().getName().endsWith("PKCS11Exception")) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == t ? String.valueOf(t.getMessage()) : t.getMessage() + " (" + root.getMessage() + ")";
    }

    /** The pipeline of an upstream connection up to protocol selection; the selector adds the rest. */
    private final class Initializer extends ChannelInitializer<Channel> {
        private final Deadline deadline;
        private final CompletableFuture<Channel> result;

        Initializer(Deadline deadline, CompletableFuture<Channel> result) {
            this.deadline = deadline;
            this.result = result;
        }

        @Override
        protected void initChannel(Channel ch) {
            SslHandler ssl = sslContext.newHandler(ch.alloc(), settings.host(), settings.port(), blockingExecutor);
            long handshakeMillis = Math.min(settings.tls().handshakeTimeout().toMillis(),
                    Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline.remainingNanos())));
            ssl.setHandshakeTimeoutMillis(handshakeMillis);
            ch.pipeline()
                    // TLS first: everything above it is plaintext HTTP; handshake tasks (the token's key
                    // operation) run on the blocking executor, never on the event loop.
                    .addLast(TLS, ssl)
                    // Once ALPN has picked h2 or http/1.1, installs that protocol's handlers.
                    .addLast(ProtocolSelector.NAME, new ProtocolSelector(settings, channel -> {
                        if (!result.isDone()) {
                            result.complete(channel);
                        }
                    }));
        }
    }
}

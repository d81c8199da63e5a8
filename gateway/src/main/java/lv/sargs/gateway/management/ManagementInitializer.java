package lv.sargs.gateway.management;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.util.concurrent.TimeUnit;
import lv.sargs.gateway.admission.AllowListFilter;
import lv.sargs.gateway.config.ManagementListenerConfig;
import lv.sargs.gateway.metrics.Metrics;

/** The management pipeline, top to bottom. */
final class ManagementInitializer extends ChannelInitializer<SocketChannel> {

    static final String ALLOW_LIST = "allow-list";
    static final String TIMEOUT = "read-timeout";
    static final String TLS = "tls";
    static final String CODEC = "http-codec";
    static final String AGGREGATOR = "aggregator";
    static final String HANDLER = "management";

    /** A scraper or probe that sends nothing for this long is disconnected. */
    static final int READ_TIMEOUT_SECONDS = 30;
    /** Management requests are GETs: a request line and a few headers. */
    static final int MAX_INITIAL_LINE = 4096;
    static final int MAX_HEADER_SIZE = 8192;
    static final int MAX_BODY = 1024;

    private final SslContext ssl;
    private final ChannelGroup connections;
    private final ManagementHandler handler;
    private final AllowListFilter allowList;

    ManagementInitializer(ManagementListenerConfig config, SslContext ssl, ChannelGroup connections,
                          ManagementHandler handler, Metrics metrics) {
        this.ssl = ssl;
        this.connections = connections;
        this.handler = handler;
        this.allowList = new AllowListFilter("management", config.allowList(), metrics);
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        connections.add(ch);
        ChannelPipeline p = ch.pipeline();
        // First: a source outside the allow-list is closed before a byte (of TLS or HTTP) is read.
        p.addLast(ALLOW_LIST, allowList);
        // Idle and half-open connections cannot pile up.
        p.addLast(TIMEOUT, new ReadTimeoutHandler(READ_TIMEOUT_SECONDS, TimeUnit.SECONDS));
        if (ssl != null) {
            p.addLast(TLS, ssl.newHandler(ch.alloc()));
        }
        p.addLast(CODEC, new HttpServerCodec(MAX_INITIAL_LINE, MAX_HEADER_SIZE, 8192));
        // Answers 413 itself when a body is larger than any management request needs.
        p.addLast(AGGREGATOR, new HttpObjectAggregator(MAX_BODY));
        p.addLast(HANDLER, handler);
    }
}

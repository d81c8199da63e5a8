package lv.sargs.gateway.upstream.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpResponse;

/** Tells the exchange handler that a response's head arrived, before the aggregator holds it back. */
final class HeadObserver extends ChannelInboundHandlerAdapter {

    static final String NAME = "head-observer";

    private final ExchangeHandler exchange;

    HeadObserver(ExchangeHandler exchange) {
        this.exchange = exchange;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpResponse) {
            exchange.headReceived();
        }
        ctx.fireChannelRead(msg);
    }
}

package lv.sargs.sandbox.server;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequest;

/** Counts each request by endpoint before anything can fault it, then passes it on. */
@ChannelHandler.Sharable
final class CallCountingHandler extends ChannelInboundHandlerAdapter {

    private final Routes routes;
    private final CallCounter calls;

    CallCountingHandler(Routes routes, CallCounter calls) {
        this.routes = routes;
        this.calls = calls;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest request) {
            calls.increment(routes.endpointOf(request));
        }
        ctx.fireChannelRead(msg);
    }
}

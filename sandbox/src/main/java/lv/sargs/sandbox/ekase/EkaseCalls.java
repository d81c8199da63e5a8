package lv.sargs.sandbox.ekase;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequest;
import lv.sargs.sandbox.server.CallCounter;

/** Counts each request to the simulator by endpoint before any fault can spoil it; shared by all channels. */
@ChannelHandler.Sharable
final class EkaseCalls extends ChannelInboundHandlerAdapter {

    private final CallCounter calls;

    EkaseCalls(CallCounter calls) {
        this.calls = calls;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest request) {
            calls.increment(EkaseSimulator.endpointOf(request));
        }
        ctx.fireChannelRead(msg);
    }
}

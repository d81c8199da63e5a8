package lv.sargs.gateway.http;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;

/**
 * Closes a keep-alive connection when the idle-state stage before it reports no traffic for the
 * idle timeout, unless a request on it is still being served (a slow route is bounded by the
 * request deadline, not by idleness).
 */
@ChannelHandler.Sharable
public final class IdleConnectionCloser extends ChannelInboundHandlerAdapter {

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            ConnectionActivity activity = ConnectionActivity.of(ctx.channel());
            if (activity == null || activity.active() == 0) {
                ctx.close();
            }
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }
}

package lv.sargs.sandbox.ekase;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import lv.sargs.sandbox.server.AddressBlock;

/**
 * eKase's registered source addresses: a connection from anywhere else is closed before the TLS
 * handshake; the filter removes itself once a connection is admitted.
 */
@ChannelHandler.Sharable
final class SourceFilter extends ChannelInboundHandlerAdapter {

    private final List<AddressBlock> allowed;
    private final AtomicInteger refused = new AtomicInteger();

    SourceFilter(List<AddressBlock> allowed) {
        this.allowed = List.copyOf(allowed);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        InetSocketAddress peer = (InetSocketAddress) ctx.channel().remoteAddress();
        if (peer == null || allowed.stream().noneMatch(c -> c.contains(peer.getAddress()))) {
            refused.incrementAndGet();
            ctx.close();
            return;
        }
        ctx.pipeline().remove(this);
        super.channelActive(ctx);
    }

    int refused() {
        return refused.get();
    }
}

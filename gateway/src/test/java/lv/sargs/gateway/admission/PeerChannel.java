package lv.sargs.gateway.admission;

import io.netty.channel.ChannelHandler;
import io.netty.channel.DefaultChannelId;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/** An {@link EmbeddedChannel} that reports a real peer address, registered only after its handlers are in place. */
final class PeerChannel extends EmbeddedChannel {

    private final InetSocketAddress peer;

    PeerChannel(String peerAddress, ChannelHandler... handlers) {
        super(DefaultChannelId.newInstance(), false, false);
        this.peer = new InetSocketAddress(peerAddress, 40000);
        pipeline().addLast(handlers);
        try {
            register();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Override
    protected SocketAddress remoteAddress0() {
        return peer;
    }
}

package lv.sargs.gateway.listener;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;

/**
 * Once the handshake is done, hands the pipeline to HTTP/2 or HTTP/1.1 as ALPN chose (HTTP/1.1
 * when the client offered no ALPN). Failed handshakes are already counted and logged by the
 * client-recognition stage; this one only closes.
 */
final class ProtocolSelection extends ApplicationProtocolNegotiationHandler {

    private final ClientChannelInitializer pipelines;

    ProtocolSelection(ClientChannelInitializer pipelines) {
        super(ApplicationProtocolNames.HTTP_1_1);
        this.pipelines = pipelines;
    }

    @Override
    protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
        if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
            pipelines.addHttp2(ctx.pipeline());
        } else if (ApplicationProtocolNames.HTTP_1_1.equals(protocol)) {
            pipelines.addHttp1(ctx.pipeline());
        } else {
            // Unreachable: ALPN offers only the two above.
            ctx.close();
        }
    }

    @Override
    protected void handshakeFailure(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}

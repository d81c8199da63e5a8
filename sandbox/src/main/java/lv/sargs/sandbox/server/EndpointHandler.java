package lv.sargs.sandbox.server;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.ssl.SslHandler;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.tinylog.Logger;

/** Routes each request to its endpoint and writes the endpoint's answer. */
@ChannelHandler.Sharable
final class EndpointHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private final String simulator;
    private final Routes routes;

    EndpointHandler(String simulator, Routes routes) {
        this.simulator = simulator;
        this.routes = routes;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) throws SSLPeerUnverifiedException {
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        Routes.Match match = routes.match(uri.path());
        SimulatorResponse response;
        if (match == null) {
            response = SimulatorResponse.text(404, "no endpoint " + uri.path());
        } else if (!match.route().method().equals(request.method())) {
            response = SimulatorResponse.text(405, request.method() + " " + uri.path() + " (expected: "
                    + match.route().method() + ")").withHeader("Allow", match.route().method().name());
        } else {
            X509Certificate client = (X509Certificate) ctx.pipeline().get(SslHandler.class).engine().getSession()
                    .getPeerCertificates()[0];
            SimulatorRequest routed = new SimulatorRequest(match.route().endpoint(), request.method(), uri.path(),
                    match.params(), uri.parameters(), request.headers(), ByteBufUtil.getBytes(request.content()), client);
            response = invoke(match.route(), routed);
        }
        ctx.writeAndFlush(toNetty(response));
    }

    private SimulatorResponse invoke(Route route, SimulatorRequest request) {
        try {
            return route.handler().handle(request);
        } catch (RuntimeException e) {
            // A simulator bug must still answer, as the real service would with its generic 500.
            Logger.error(e, "{}: endpoint {} failed on {} {}", simulator, route.endpoint(), request.method(),
                    request.path());
            return SimulatorResponse.text(500, "internal error");
        }
    }

    private static FullHttpResponse toNetty(SimulatorResponse response) {
        FullHttpResponse out = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(response.status()), Unpooled.wrappedBuffer(response.body()));
        response.headers().forEach((name, value) -> out.headers().set(name, value));
        out.headers().set(HttpHeaderNames.CONTENT_TYPE, response.contentType())
                .setInt(HttpHeaderNames.CONTENT_LENGTH, response.body().length);
        return out;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Refused handshakes and peers that vanish are the simulator working, not failing.
        Logger.debug(cause, "{}: closing {}", simulator, ctx.channel().remoteAddress());
        ctx.close();
    }
}

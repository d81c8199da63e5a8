package lv.sargs.sandbox.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.nio.file.Path;
import lv.sargs.sandbox.ekase.Replays;
import lv.sargs.sandbox.fault.FaultPlan;
import lv.sargs.sandbox.fault.ServerCertificateMode;

/**
 * The admin API: {@code PUT /faults/{sim}/{endpoint|*}} with a fault plan in its text form,
 * {@code PUT /faults/{sim}/server-certificate} with {@code VALID|EXPIRED|UNTRUSTED},
 * {@code DELETE /faults/{sim}}, {@code GET /calls/{sim}}, and for eKase {@code PUT /replay/ekase/{kind}[/{key}]}
 * with a captured document's path and {@code DELETE /replay/ekase}. One request per connection.
 */
@ChannelHandler.Sharable
final class AdminHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    static final String USAGE = """
            PUT    /faults/{simulator}/{endpoint}         body: fault plan, e.g. latency=200ms/2s,error=0.1 ('*' = all endpoints)
            PUT    /faults/{simulator}/server-certificate body: VALID | EXPIRED | UNTRUSTED
            DELETE /faults/{simulator}                    no faults, valid certificate
            GET    /calls/{simulator}                     requests per endpoint (JSON)
            PUT    /replay/ekase/report/{iban}            body: path of a captured camt.052, answered for that account
            PUT    /replay/ekase/statement/{iban}         body: path of a captured camt.053, answered for every day asked
            PUT    /replay/ekase/notifications            body: path of a captured camt.054
            PUT    /replay/ekase/status/{MsgId}           body: path of a captured pain.002
            DELETE /replay/ekase                          the simulator's own documents again
            """;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, SimulatorControls> simulators;

    AdminHandler(Map<String, SimulatorControls> simulators) {
        this.simulators = Map.copyOf(simulators);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        String[] parts = new QueryStringDecoder(request.uri()).path().split("/");
        String body = request.content().toString(StandardCharsets.UTF_8).trim();
        FullHttpResponse response;
        try {
            response = answer(request.method(), parts, body);
        } catch (IllegalArgumentException e) {
            response = text(HttpResponseStatus.BAD_REQUEST, e.getMessage() + "\n");
        }
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    private FullHttpResponse answer(HttpMethod method, String[] parts, String body) {
        if (parts.length < 3) {
            return text(HttpResponseStatus.OK, USAGE);
        }
        SimulatorControls sim = simulators.get(parts[2]);
        if (sim == null) {
            throw new IllegalArgumentException("simulator: " + parts[2] + " (expected: one of "
                    + new java.util.TreeSet<>(simulators.keySet()) + ")");
        }
        String what = parts[1];
        if (what.equals("calls") && method.equals(HttpMethod.GET) && parts.length == 3) {
            try {
                return json(JSON.writeValueAsString(sim.calls().snapshot()));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot render call counts", e);
            }
        }
        if (what.equals("replay")) {
            return replay(sim, method, parts, body);
        }
        if (what.equals("faults") && method.equals(HttpMethod.DELETE) && parts.length == 3) {
            sim.faults().clear();
            return text(HttpResponseStatus.OK, "cleared\n");
        }
        if (what.equals("faults") && method.equals(HttpMethod.PUT) && parts.length == 4) {
            if (parts[3].equals("server-certificate")) {
                sim.faults().serverCertificate(certificateMode(body));
            } else if (parts[3].equals("*")) {
                sim.faults().setAll(FaultPlan.parse(body));
            } else {
                sim.faults().set(parts[3], FaultPlan.parse(body));
            }
            return text(HttpResponseStatus.OK, "set\n");
        }
        return text(HttpResponseStatus.NOT_FOUND, USAGE);
    }

    private static FullHttpResponse replay(SimulatorControls sim, HttpMethod method, String[] parts, String body) {
        if (sim.replays() == null) {
            throw new IllegalArgumentException("simulator " + parts[2] + " has no replay (expected: ekase)");
        }
        if (method.equals(HttpMethod.DELETE) && parts.length == 3) {
            sim.replays().clear();
            return text(HttpResponseStatus.OK, "cleared\n");
        }
        if (!method.equals(HttpMethod.PUT) || parts.length < 4 || parts.length > 5) {
            return text(HttpResponseStatus.NOT_FOUND, USAGE);
        }
        Replays.Kind kind;
        try {
            kind = Replays.Kind.valueOf(parts[3].toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("replay: " + parts[3] + " (expected: report, statement, notifications or status)", e);
        }
        boolean keyed = kind != Replays.Kind.NOTIFICATIONS;
        if (keyed != (parts.length == 5)) {
            throw new IllegalArgumentException("replay " + parts[3] + ": " + (keyed ? "an IBAN or MsgId after it" : "no key")
                    + " (expected: " + (keyed ? "/replay/ekase/" + parts[3] + "/{key}" : "/replay/ekase/notifications") + ")");
        }
        if (body.isEmpty()) {
            throw new IllegalArgumentException("replay: empty body (expected: the path of a captured " + kind.message() + ")");
        }
        sim.replays().put(kind, keyed ? java.net.URLDecoder.decode(parts[4], StandardCharsets.UTF_8) : null, Path.of(body));
        return text(HttpResponseStatus.OK, "replaying " + body + "\n");
    }

    private static ServerCertificateMode certificateMode(String body) {
        try {
            return ServerCertificateMode.valueOf(body.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("server-certificate: " + body + " (expected: VALID, EXPIRED or UNTRUSTED)", e);
        }
    }

    private static FullHttpResponse text(HttpResponseStatus status, String body) {
        return response(status, "text/plain; charset=utf-8", body);
    }

    private static FullHttpResponse json(String body) {
        return response(HttpResponseStatus.OK, "application/json", body);
    }

    private static FullHttpResponse response(HttpResponseStatus status, String type, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        FullHttpResponse out = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(bytes));
        out.headers().set(HttpHeaderNames.CONTENT_TYPE, type).setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length)
                .set(HttpHeaderNames.CONNECTION, "close");
        return out;
    }
}

package lv.sargs.gateway.management;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import lv.sargs.gateway.alarm.Alarm;
import lv.sargs.gateway.alarm.AlarmModel;
import lv.sargs.gateway.http.ProblemType;
import lv.sargs.gateway.http.Problems;

/**
 * The console's routes: {@code GET /v1/alarms}, {@code POST /v1/alarms/{id}/acknowledge},
 * {@code POST /v1/statistics/deliver}, {@code POST /v1/token/probe} and
 * {@code GET /v1/audit/checkpoint}; each for an operator only ({@link OperatorAccess}), and every
 * action audited with who asked and how it ended.
 */
final class OperatorRoutes {

    static final String ALARMS = "/v1/alarms";
    static final String DELIVER = "/v1/statistics/deliver";
    static final String PROBE = "/v1/token/probe";
    static final String CHECKPOINT = "/v1/audit/checkpoint";
    private static final String ACK_SUFFIX = "/acknowledge";

    record Outcome(String action, String target, String outcome, String by) {
    }

    private final AlarmModel alarms;
    private final OperatorDesk desk;
    private final OperatorAccess access;

    OperatorRoutes(AlarmModel alarms, OperatorDesk desk, OperatorAccess access) {
        this.alarms = alarms;
        this.desk = desk;
        this.access = access;
    }

    /** Whether {@code path} is one of these routes. */
    static boolean handles(String path) {
        return path.equals(ALARMS) || path.equals(DELIVER) || path.equals(PROBE) || path.equals(CHECKPOINT)
                || (path.startsWith(ALARMS + "/") && path.endsWith(ACK_SUFFIX));
    }

    /** Answers on the event loop or, for actions, when the desk is done; reads the request before returning. */
    CompletableFuture<FullHttpResponse> answer(ChannelHandlerContext ctx, FullHttpRequest request, String path,
                                               String requestId) {
        ByteBufAllocator alloc = ctx.alloc();
        OperatorAccess.Verdict verdict = access.check(ctx, request.headers());
        if (verdict instanceof OperatorAccess.Refused r) {
            return done(Problems.response(alloc, r.declared() ? ProblemType.ROLE_REQUIRED
                    : ProblemType.CLIENT_NOT_DECLARED, r.detail(), requestId));
        }
        String by = ((OperatorAccess.Operator) verdict).name();
        boolean get = HttpMethod.GET.equals(request.method());
        boolean post = HttpMethod.POST.equals(request.method());
        if (path.equals(ALARMS) && get) {
            return done(Routes.json(alloc, HttpResponseStatus.OK, Map.of("alarms", StatusJson.alarms(alarms.open()))));
        }
        if (path.equals(CHECKPOINT) && get) {
            return desk.auditCheckpoints().thenApply(c -> {
                desk.audit(by, "audit-checkpoint", "audit", "shown");
                return Routes.json(alloc, HttpResponseStatus.OK, Map.of("checkpoints", c));
            });
        }
        if (!post) {
            FullHttpResponse r = Problems.response(alloc, ProblemType.METHOD_NOT_ALLOWED,
                    path + " answers " + (path.equals(ALARMS) || path.equals(CHECKPOINT) ? "GET" : "POST") + " only.",
                    requestId);
            r.headers().set(HttpHeaderNames.ALLOW, path.equals(ALARMS) || path.equals(CHECKPOINT) ? "GET" : "POST");
            return done(r);
        }
        if (path.equals(DELIVER)) {
            return action(alloc, by, "statistics-deliver", "statistics", desk.deliverStatistics(), s -> s);
        }
        if (path.equals(PROBE)) {
            return action(alloc, by, "token-probe", "token", desk.probeToken(), s -> s);
        }
        String id = URLDecoder.decode(path.substring(ALARMS.length() + 1, path.length() - ACK_SUFFIX.length()),
                StandardCharsets.UTF_8);
        return alarms.acknowledge(id, by).map(a -> {
            desk.audit(by, "alarm-acknowledge", id, "acknowledged");
            return done(Routes.json(alloc, HttpResponseStatus.OK, StatusJson.alarm(a)));
        }).orElseGet(() -> done(Problems.response(alloc, ProblemType.NOT_FOUND,
                "No open alarm has the id '" + id + "'; GET " + ALARMS + " lists them.", requestId)));
    }

    private CompletableFuture<FullHttpResponse> action(ByteBufAllocator alloc, String by, String action, String target,
                                                       CompletableFuture<String> work, Function<String, String> show) {
        return work.handle((outcome, error) -> {
            String said = error == null ? show.apply(outcome) : "failed: " + rootMessage(error);
            desk.audit(by, action, target, said);
            return Routes.json(alloc, HttpResponseStatus.OK, new Outcome(action, target, said, by));
        });
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null) {
            c = c.getCause();
        }
        return String.valueOf(c.getMessage());
    }

    private static CompletableFuture<FullHttpResponse> done(FullHttpResponse r) {
        return CompletableFuture.completedFuture(r);
    }

    /** For the 404 text of the management listener. */
    static List<String> describe() {
        return List.of("GET " + ALARMS, "POST " + ALARMS + "/{id}" + ACK_SUFFIX, "POST " + DELIVER, "POST " + PROBE,
                "GET " + CHECKPOINT);
    }
}

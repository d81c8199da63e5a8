package lv.sargs.gateway.management;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import lv.sargs.gateway.http.HttpConstants;
import lv.sargs.gateway.http.Json;
import lv.sargs.gateway.http.ProblemType;
import lv.sargs.gateway.http.Problems;
import lv.sargs.gateway.alarm.AlarmModel;
import lv.sargs.gateway.metrics.Metrics;
import lv.sargs.gateway.status.StatusModel;
import lv.sargs.gateway.status.StatusSnapshot;

/** The four management routes, each answered from memory. */
final class Routes {

    static final String HEALTHZ = "/healthz";
    static final String READYZ = "/readyz";
    static final String STATUS = "/v1/status";
    static final String METRICS = "/metrics";
    static final String RELOAD = "/v1/config/reload";
    static final String SNAPSHOT = "/v1/backup/snapshot";

    private static final AsciiString TEXT_PLAIN = AsciiString.cached("text/plain; charset=utf-8");
    private static final AsciiString PROMETHEUS = AsciiString.cached(Metrics.CONTENT_TYPE);
    private static final AsciiString NO_STORE = AsciiString.cached("no-store");

    private final StatusModel status;
    private final Metrics metrics;
    private final AlarmModel alarms;
    private final ConfigReloader reloader;
    private volatile SnapshotMaker snapshots = SnapshotMaker.NONE;
    /** Documents added after start (risk exports), by path; each rendered from memory when asked. */
    private final java.util.Map<String, Document> documents = new java.util.concurrent.ConcurrentHashMap<>();

    /** A document served at a path: its media type and a supplier of its text. */
    record Document(AsciiString type, java.util.function.Supplier<String> body) {
    }

    void add(String path, String contentType, java.util.function.Supplier<String> body) {
        documents.put(path, new Document(AsciiString.cached(contentType), body));
    }

    Routes(StatusModel status, Metrics metrics, AlarmModel alarms, ConfigReloader reloader) {
        this.status = status;
        this.metrics = metrics;
        this.alarms = alarms;
        this.reloader = reloader;
    }

    /**
     * Reloads the config (off the event loop) and answers what happened: 200 with the outcome when
     * applied, 422 problem+json naming every problem when refused (the running config unchanged).
     */
    CompletableFuture<FullHttpResponse> reload(ByteBufAllocator alloc, String requestId) {
        return reloader.reload().handle((outcome, failure) -> {
            FullHttpResponse response;
            if (failure != null) {
                response = Problems.response(alloc, ProblemType.INTERNAL_ERROR, "The reload failed unexpectedly; the"
                        + " gateway log says why.", requestId);
            } else if (outcome.applied()) {
                response = json(alloc, HttpResponseStatus.OK, outcome);
            } else {
                Map<String, Object> members = new LinkedHashMap<>();
                members.put("problems", outcome.problems());
                response = Problems.response(alloc, ProblemType.CONFIG_REJECTED, outcome.message(), requestId, members);
            }
            response.headers().set(HttpConstants.X_REQUEST_ID, requestId);
            response.headers().set(HttpHeaderNames.CACHE_CONTROL, NO_STORE);
            return response;
        });
    }

    /** Who makes the backup snapshots, once the data directory is open. */
    void snapshots(SnapshotMaker maker) {
        snapshots = maker;
    }

    /**
     * Makes a backup snapshot for operator {@code by} (off the event loop) and answers where it is:
     * 200 with the staging directory and its files, or 500 when it failed (the log says why).
     */
    CompletableFuture<FullHttpResponse> snapshot(ByteBufAllocator alloc, String by, String requestId) {
        return snapshots.snapshot(by).handle((snapshot, failure) -> {
            FullHttpResponse response;
            if (failure != null) {
                org.tinylog.Logger.error("backup snapshot for {} failed: {} ({})", by, failure.toString(), requestId);
                response = Problems.response(alloc, ProblemType.INTERNAL_ERROR, "The backup snapshot failed; the"
                        + " gateway log says why.", requestId);
            } else {
                response = json(alloc, HttpResponseStatus.OK, snapshot);
            }
            response.headers().set(HttpConstants.X_REQUEST_ID, requestId);
            response.headers().set(HttpHeaderNames.CACHE_CONTROL, NO_STORE);
            return response;
        });
    }

    FullHttpResponse answer(ByteBufAllocator alloc, String path, String requestId) {
        FullHttpResponse response = switch (path) {
            // Alive means the event loop answers; readiness is a separate question.
            case HEALTHZ -> text(alloc, HttpResponseStatus.OK, TEXT_PLAIN, "ok\n");
            case READYZ -> readiness(alloc);
            case STATUS -> json(alloc, HttpResponseStatus.OK, StatusJson.status(status.snapshot(), alarms.open()));
            case METRICS -> metrics(alloc);
            default -> {
                Document d = documents.get(path);
                yield d != null ? text(alloc, HttpResponseStatus.OK, d.type(), d.body().get())
                        : Problems.response(alloc, ProblemType.NOT_FOUND, "The management listener serves GET"
                                + " /healthz, /readyz, /v1/status, /metrics" + (documents.isEmpty() ? "" : ", "
                                + String.join(", ", new java.util.TreeSet<>(documents.keySet())))
                                + " and, for operators, POST " + RELOAD + ", POST " + SNAPSHOT + ", " + String.join(", ", OperatorRoutes.describe()) + ".",
                                requestId);
            }
        };
        response.headers().set(HttpConstants.X_REQUEST_ID, requestId);
        response.headers().set(HttpHeaderNames.CACHE_CONTROL, NO_STORE);
        return response;
    }

    private FullHttpResponse readiness(ByteBufAllocator alloc) {
        StatusSnapshot s = status.snapshot();
        return json(alloc, s.ready() ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE,
                StatusJson.readiness(s));
    }

    private FullHttpResponse metrics(ByteBufAllocator alloc) {
        StringBuilder out = new StringBuilder(4096);
        metrics.writePrometheus(out);
        return text(alloc, HttpResponseStatus.OK, PROMETHEUS, out);
    }

    private static FullHttpResponse text(ByteBufAllocator alloc, HttpResponseStatus status, AsciiString type,
                                         CharSequence body) {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                ByteBufUtil.writeUtf8(alloc, body));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, type);
        r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, r.content().readableBytes());
        return r;
    }

    static FullHttpResponse json(ByteBufAllocator alloc, HttpResponseStatus status, Object body) {
        byte[] bytes;
        try {
            bytes = Json.MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("status JSON cannot be written", e);
        }
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(bytes));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpConstants.APPLICATION_JSON);
        r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        return r;
    }
}

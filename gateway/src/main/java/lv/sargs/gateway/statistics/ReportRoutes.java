package lv.sargs.gateway.statistics;

import lv.sargs.gateway.statistics.report.ReportProblem;
import lv.sargs.gateway.statistics.report.StatisticsJson;
import lv.sargs.gateway.statistics.report.ReportSubmission;
import lv.sargs.gateway.statistics.report.StatisticsException;
import lv.sargs.gateway.statistics.report.ReportStatus;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.InputStream;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import lv.sargs.gateway.http.BodyAbortedException;
import lv.sargs.gateway.http.HttpConstants;
import lv.sargs.gateway.audit.AuditEvent;
import lv.sargs.gateway.audit.AuditRecord;
import lv.sargs.gateway.audit.AuditTrail;
import lv.sargs.gateway.audit.AuditUnavailableException;
import lv.sargs.gateway.http.ProblemException;
import lv.sargs.gateway.http.ProblemType;
import lv.sargs.gateway.http.Request;
import lv.sargs.gateway.http.Response;
import lv.sargs.gateway.problem.ProblemCode;
import lv.sargs.gateway.threads.ThreadPools;
import org.tinylog.Logger;

/**
 * {@code POST /v1/statistics/reports} and {@code GET /v1/statistics/reports/{id}}: parse on the
 * event loop, then validate, produce and read the store on two small bounded executors of their
 * own (a full queue is 503), so no event loop ever waits for the token, the disk or the store.
 */
final class ReportRoutes implements AutoCloseable {

    /** Where a report's status is read; the {@code Location} of a 202. */
    static final String REPORTS = "/v1/statistics/reports/";
    private static final Pattern ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9]{3}");
    private static final Pattern CORRECTION = Pattern.compile("[1-9][0-9]?");
    /** Production is serialised in the service; one may wait its turn, more are turned away at once. */
    private static final int SUBMIT_QUEUE = 1;
    /** Beyond the token's signature wait: reading, checking, encrypting and writing a report of maxReportSize. */
    private static final Duration PRODUCTION_ALLOWANCE = Duration.ofMinutes(2);
    private static final int STATUS_QUEUE = 64;
    private static final long CLOSE_WAIT_SECONDS = 60;

    private final StatisticsService service;
    private final StatisticsHealth health;
    private final ObjectMapper json = StatisticsJson.mapper();
    private final ThreadPoolExecutor producing = executor("statistics-submit", SUBMIT_QUEUE);
    private final ThreadPoolExecutor reading = executor("statistics-status", STATUS_QUEUE);

    private final Duration submitDeadline;

    private final AuditTrail audit;

    ReportRoutes(StatisticsService service, StatisticsHealth health, Duration signWait, AuditTrail audit) {
        this.audit = audit;
        this.service = service;
        this.health = health;
        // The listener's requestTimeout (seconds, for lookups) would cut a report off half-way: the
        // client would see a 504 while the files are produced and sent anyway, and send it again.
        this.submitDeadline = signWait.plus(PRODUCTION_ALLOWANCE).multipliedBy(SUBMIT_QUEUE + 1);
    }

    /** How long a POST may take: its own production and that of the one report queued ahead of it. */
    Duration submitDeadline() {
        return submitDeadline;
    }

    /** Streams {@code body} (read on the submission thread, never the event loop) into the service. */
    CompletableFuture<Response> submit(Request request, InputStream body) {
        ReportSubmission submission = submission(request);
        return run(producing, "report submissions", () -> {
            AuditRecord record = AuditRecord.of(AuditEvent.REPORT_SUBMITTED)
                    .withRequest(request.requestId(), request.client().name()).with("prefix", submission.prefix());
            String id;
            try {
                id = produce(submission, body);
            } catch (ProblemException e) {
                audit.record(record.withOutcome(e.type().code()));
                throw e;
            }
            try {
                // Synced before the 202: a report the bank sent to the supervisor is never missing from the trail.
                audit.recordDurably(record.withOutcome("produced").with("report", id));
            } catch (AuditUnavailableException e) {
                throw new ProblemException(ProblemType.AUDIT_UNAVAILABLE, "Report " + id + " was produced but could"
                        + " not be recorded in the audit trail; its delivery goes on. Its status: " + REPORTS + id, e);
            }
            ReportStatus status = service.status(id).orElseThrow(() -> new IllegalStateException(
                    "report " + id + " was produced but is not in the store"));
            return json(HttpResponseStatus.ACCEPTED, status).withHeader(HttpHeaderNames.LOCATION, REPORTS + id);
        });
    }

    CompletableFuture<Response> status(Request request) {
        String id = request.param("id");
        if (!ID.matcher(id).matches()) {
            return CompletableFuture.failedFuture(new ProblemException(ReportProblem.REPORT_NOT_FOUND,
                    "No report has the id " + shown(id) + " (expected: the id a POST answered, e.g."
                            + " 3f1c2a9e-0b7d-4c55-9e21-7a6d8f0e4b12)."));
        }
        return run(reading, "status reads", () -> json(HttpResponseStatus.OK, service.status(id).orElseThrow(
                () -> new ProblemException(ReportProblem.REPORT_NOT_FOUND, "No report has the id " + id + "."))));
    }

    private String produce(ReportSubmission submission, InputStream body) {
        try {
            String id = service.submit(submission, body);
            health.produced();
            return id;
        } catch (ReportRejectedException e) {
            Map<String, Object> members = new LinkedHashMap<>();
            members.put("problems", e.problems());
            members.put("problemCount", e.total());
            throw new ProblemException(ReportProblem.REPORT_REJECTED, e.getMessage(), members);
        } catch (StatisticsException e) {
            BodyAbortedException aborted = abortedUpload(e);
            if (aborted != null) {
                // The client's upload broke off (or was refused 413): not the gateway's failure, nothing kept.
                throw new ProblemException(ProblemType.BAD_REQUEST, "The report did not arrive whole ("
                        + aborted.getMessage() + "); nothing was kept or sent.");
            }
            ProblemCode problem = e.problem();
            if (problem == ReportProblem.REPORT_REJECTED) {
                throw new ProblemException(problem, e.getMessage(), Map.of("problems", List.of(), "problemCount", 0));
            }
            if (problem == ProblemType.SHUTTING_DOWN) {
                throw new ProblemException(problem, "The statistics service is stopping.");
            }
            if (problem.httpStatus() < 500) {
                throw new ProblemException(problem, e.getMessage());
            }
            // The gateway's own failure: the cause (paths, token, CMS) stays in the log under the request id.
            health.productionFailed(e.code() + ": " + e.getMessage());
            throw new ProblemException(problem, "The report's files could not be produced (" + e.code()
                    + "); nothing was kept or sent. The gateway's log has the cause under this request id.", e);
        }
    }

    private static BodyAbortedException abortedUpload(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof BodyAbortedException aborted) {
                return aborted;
            }
        }
        return null;
    }

    /** The submission's metadata from the query and the content type; a 400 or 415 names what is wrong. */
    private static ReportSubmission submission(Request request) {
        ReportSubmission.Form form = form(request.headers().get(HttpHeaderNames.CONTENT_TYPE));
        String prefix = request.query("prefix");
        if (prefix == null || !PREFIX.matcher(prefix).matches()) {
            throw badRequest("prefix: " + shown(prefix) + " (expected: the 3-character report prefix aaa, e.g. K01)");
        }
        String end = request.query("periodEnd");
        LocalDate periodEnd;
        try {
            periodEnd = LocalDate.parse(end == null ? "" : end);
        } catch (DateTimeParseException e) {
            throw badRequest("periodEnd: " + shown(end) + " (expected: the last day of the period as yyyy-mm-dd,"
                    + " e.g. 2026-10-31)");
        }
        String correction = request.query("correction");
        if (correction != null && !CORRECTION.matcher(correction).matches()) {
            throw badRequest("correction: " + shown(correction) + " (expected: the correction number 1-98 of a"
                    + " resubmission, or no correction parameter)");
        }
        try {
            return new ReportSubmission(prefix.toUpperCase(Locale.ROOT), periodEnd,
                    correction == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(correction)), form);
        } catch (StatisticsException e) {
            throw badRequest(e.getMessage());
        }
    }

    private static ReportSubmission.Form form(String contentType) {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT).replace(" ", "");
        int semicolon = type.indexOf(';');
        String media = semicolon < 0 ? type : type.substring(0, semicolon);
        String parameters = semicolon < 0 ? "" : type.substring(semicolon);
        if (!parameters.isEmpty() && !parameters.equals(";charset=utf-8")) {
            throw new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "Content-Type: " + shown(contentType)
                    + " (expected: UTF-8, i.e. no charset or charset=utf-8).");
        }
        return switch (media) {
            case "text/plain" -> ReportSubmission.Form.LINES;
            case "application/json" -> ReportSubmission.Form.JSON;
            default -> throw new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "Content-Type: "
                    + shown(contentType) + " (expected: text/plain for NAME=value lines, or application/json).");
        };
    }

    private Response json(HttpResponseStatus status, ReportStatus value) {
        try {
            return Response.of(status, HttpConstants.APPLICATION_JSON, json.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new ProblemException(ProblemType.INTERNAL_ERROR, "The report's status could not be encoded.", e);
        }
    }

    private static CompletableFuture<Response> run(ThreadPoolExecutor executor, String what, Supplier<Response> work) {
        try {
            return CompletableFuture.supplyAsync(work, executor);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new ProblemException(executor.isShutdown() ? ProblemType.SHUTTING_DOWN
                    : ProblemType.OVERLOADED, executor.isShutdown() ? "The statistics service is stopping."
                    : "Too many " + what + " are waiting; retry after the Retry-After delay."));
        }
    }

    private static ProblemException badRequest(String detail) {
        return new ProblemException(ProblemType.BAD_REQUEST, detail);
    }

    private static String shown(String value) {
        if (value == null) {
            return "(missing)";
        }
        return value.length() > 40 ? value.substring(0, 40) + "…" : value;
    }

    private static ThreadPoolExecutor executor(String name, int queue) {
        return new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(queue),
                ThreadPools.threadFactory(name, true));
    }

    /** Stops taking work and waits for a report being produced, so its files and state stay whole. */
    @Override
    public void close() {
        producing.shutdown();
        reading.shutdown();
        try {
            if (!producing.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
                Logger.warn("statistics: a report was still being produced after {} s; stopping anyway",
                        CLOSE_WAIT_SECONDS);
                producing.shutdownNow();
            }
            reading.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            producing.shutdownNow();
            reading.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}

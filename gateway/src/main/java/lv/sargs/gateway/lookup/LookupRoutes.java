package lv.sargs.gateway.lookup;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.AsciiString;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import lv.sargs.gateway.http.Access;
import lv.sargs.gateway.http.HttpConstants;
import lv.sargs.gateway.http.ProblemException;
import lv.sargs.gateway.http.ProblemType;
import lv.sargs.gateway.http.Request;
import lv.sargs.gateway.http.Response;
import lv.sargs.gateway.http.Router;
import lv.sargs.gateway.identifiers.InvalidIdentifierException;
import lv.sargs.gateway.identifiers.PersonalCode;
import lv.sargs.gateway.identifiers.RegistrationNumber;
import lv.sargs.gateway.metrics.LatencyHistogram;

/**
 * The register lookups on the client API: {@code GET /v1/companies/{regNo}} and
 * {@code GET /v1/persons/{personalCode}} — identifiers checked before any register is asked, the
 * purpose checked against the client's, the answer settled within the budget.
 */
public final class LookupRoutes {

    /** The header naming why the data is needed; one of the client's configured purposes. */
    public static final String PURPOSE_HEADER = "Sargs-Purpose";
    private static final AsciiString PURPOSE_NAME = AsciiString.cached(PURPOSE_HEADER);
    /** RFC 9211's header, as Netty's header names are: an AsciiString, hashed once. */
    private static final AsciiString CACHE_STATUS = AsciiString.cached("Cache-Status");
    /** The role the lookup routes require. */
    public static final String ROLE = "lookup";

    private final SubjectLookup lookup;
    private final List<AnswerPart> companySections;
    private final List<AnswerPart> personSections;
    private final long budgetNanos;
    private final LookupAudit audit;
    private final LatencyHistogram latency;

    /**
     * @param budget how long an answer may take end to end; the lookup settles a sixth of it (at most
     *     500 ms) before, so its own answer (stale, or a 504 that says why) reaches the client in time
     * @param latency where each answered lookup's time is counted (the lookup p99 indicator reads it)
     */
    public LookupRoutes(SubjectLookup lookup, List<AnswerPart> companySections, List<AnswerPart> personSections,
                        Duration budget, LookupAudit audit, LatencyHistogram latency) {
        this.lookup = lookup;
        this.companySections = List.copyOf(companySections);
        this.personSections = List.copyOf(personSections);
        // The answer still has to be written, encrypted and carried to the client after the lookup
        // settles: with 200 lookups in flight on a stalled register, a 250 ms margin let one answer in
        // 64,673 reach its client at 3.24 s (scripts/bench-budget); a sixth of the budget, at most
        // 500 ms, keeps that tail inside the promise.
        Duration margin = budget.dividedBy(6).compareTo(Duration.ofMillis(500)) > 0
                ? Duration.ofMillis(500) : budget.dividedBy(6);
        this.budgetNanos = budget.minus(margin).toNanos();
        this.audit = audit;
        this.latency = latency;
    }

    /** Adds the lookup routes to {@code routes}. */
    public Router.Builder addTo(Router.Builder routes) {
        return routes
                .get("/v1/companies/{regNo}", Access.role(ROLE), this::company)
                .get("/v1/persons/{personalCode}", Access.role(ROLE), this::person);
    }

    private CompletableFuture<Response> company(Request request) {
        long start = System.nanoTime();
        String purpose = purpose(request);
        String regNo;
        try {
            regNo = new RegistrationNumber(request.param("regNo")).digits();
        } catch (InvalidIdentifierException e) {
            throw new ProblemException(LookupProblem.INVALID_IDENTIFIER, e.getMessage());
        }
        return lookup.lookup("company", "registrationNumber", regNo, companySections, "",
                        cacheRequest(request, start))
                .handle((answer, error) -> respond(request, start, "company", regNo, null, purpose, answer, error));
    }

    private CompletableFuture<Response> person(Request request) {
        long start = System.nanoTime();
        String purpose = purpose(request);
        PersonalCode code;
        try {
            code = PersonalCode.parse(request.param("personalCode"));
        } catch (InvalidIdentifierException e) {
            throw new ProblemException(LookupProblem.INVALID_IDENTIFIER, e.getMessage());
        }
        String extra = code.birthDate().map(d -> ",\"birthDate\":\"" + d + "\"").orElse("")
                + ",\"codeFormat\":\"" + (code.isNewFormat() ? "2017" : "birth-date") + "\"";
        return lookup.lookup("person", "personalCode", code.digits(), personSections, extra,
                        cacheRequest(request, start))
                .handle((answer, error) -> respond(request, start, "person", code.digits(),
                        "person " + code.formatted(), purpose, answer, error));
    }

    /** @param shown the subject as problem details name it, or null for {@code kind id} (made only when needed) */
    private Response respond(Request request, long start, String kind, String id, String shown, String purpose,
                             StandardAnswer answer, Throwable error) {
        if (error != null) {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (cause instanceof FeeBudgetExhaustedException e) {
                throw feeBudgetExhausted(subject(kind, id, shown), e);
            }
            throw error instanceof RuntimeException r ? r : new CompletionException(error);
        }
        latency.recordNanos(System.nanoTime() - start);
        String subject = answer.httpStatus() == 200 ? null : subject(kind, id, shown);
        if (!audit.record(request.requestId(), request.client().name(), request.route(), kind, id, purpose,
                answer.httpStatus())) {
            // No answer leaves without its audit record.
            throw new ProblemException(ProblemType.AUDIT_UNAVAILABLE, subject(kind, id, shown)
                    + ": the lookup could not be recorded in the audit trail; try again later.");
        }
        String source = answer.identifyingSource();
        switch (answer.httpStatus()) {
            case 404 -> throw new ProblemException(LookupProblem.SUBJECT_NOT_FOUND,
                    subject + ": not known to " + source + ".");
            case 504 -> throw new ProblemException(LookupProblem.REGISTER_TIMEOUT,
                    subject + ": " + source + " did not answer within " + budgetNanos / 1_000_000
                            + " ms and nothing usable is cached; try again later.");
            case 502 -> throw new ProblemException(LookupProblem.REGISTER_FAILED,
                    subject + ": " + source + " failed (" + answer.identifyingDetail() + ") and nothing usable is cached.");
            default -> {
                return Response.of(HttpResponseStatus.OK, HttpConstants.APPLICATION_JSON, answer.body())
                        .withHeaders(CACHE_STATUS, answer.cacheStatus(), HttpHeaderNames.AGE, answer.ageSeconds())
                        .withCacheStatus(answer.logWord());
            }
        }
    }

    /**
     * The refusal of a lookup past its client's fee budget: 429, as for any quota a client went past
     * (the gateway works; this client may not spend more today), with {@code Retry-After} at the
     * budget's renewal, midnight in Riga, so a well-behaved client neither hammers nor gives up.
     */
    private static ProblemException feeBudgetExhausted(String subject, FeeBudgetExhaustedException e) {
        FeeBudgets.Refused r = e.refused();
        String register = e.part().source() + " " + e.part().dataClass();
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("budget", "dailyFeeBudget of client " + r.client());
        members.put("day", r.day().toString());
        members.put("spentEur", euro(r.spentCents()));
        members.put("limitEur", euro(r.budgetCents()));
        members.put("feeEur", euro(r.feeCents()));
        return new ProblemException(LookupProblem.FEE_BUDGET_EXHAUSTED, subject + ": a " + register + " call costs "
                + euro(r.feeCents()) + " EUR, and client \"" + r.client() + "\" has spent " + euro(r.spentCents())
                + " EUR of its daily fee budget of " + euro(r.budgetCents()) + " EUR (dailyFeeBudget, "
                + r.day() + " Europe/Riga); answers already cached are still served; the budget renews at midnight"
                + " Riga time.", members, r.retryAfterSeconds());
    }

    private static String euro(long cents) {
        return cents / 100 + "." + (cents % 100 < 10 ? "0" : "") + cents % 100;
    }

    private static String subject(String kind, String id, String shown) {
        return shown != null ? shown : kind + " " + id;
    }

    private String purpose(Request request) {
        String purpose = request.headers().get(PURPOSE_NAME);
        if (purpose == null || purpose.isBlank()) {
            throw new ProblemException(LookupProblem.PURPOSE_REQUIRED, "header " + PURPOSE_HEADER
                    + ": (missing) (expected: one of your purposes " + request.client().purposes() + ")");
        }
        if (!request.client().purposes().contains(purpose)) {
            audit.purposeRefused(request.requestId(), request.client().name(), request.route(), purpose);
            throw new ProblemException(LookupProblem.PURPOSE_NOT_ALLOWED, "header " + PURPOSE_HEADER + ": " + purpose
                    + " (expected: one of your purposes " + request.client().purposes() + ")");
        }
        return purpose;
    }

    private LookupRequest cacheRequest(Request request, long start) {
        String cc = request.headers().get(HttpHeaderNames.CACHE_CONTROL);
        long maxAge = -1;
        boolean fresh = false;
        if (cc != null) {
            for (String directive : cc.split(",")) {
                String d = directive.strip().toLowerCase(java.util.Locale.ROOT);
                if (d.equals("no-cache") || d.equals("max-age=0")) {
                    fresh = true;
                } else if (d.startsWith("max-age=")) {
                    try {
                        maxAge = Long.parseLong(d.substring("max-age=".length()));
                    } catch (NumberFormatException e) {
                        throw new ProblemException(ProblemType.BAD_REQUEST, "header Cache-Control: " + cc
                                + " (expected: max-age=<seconds> or no-cache)");
                    }
                }
            }
        }
        return new LookupRequest(maxAge, fresh, start + budgetNanos, request.client().name(),
                request.client().dailyFeeBudgetCents());
    }
}

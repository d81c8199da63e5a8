package lv.sargs.gateway.treasury;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.AsciiString;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import lv.sargs.gateway.http.Access;
import lv.sargs.gateway.http.BodyClass;
import lv.sargs.gateway.http.ProblemException;
import lv.sargs.gateway.http.Request;
import lv.sargs.gateway.http.Response;
import lv.sargs.gateway.http.Router;
import lv.sargs.gateway.text.ClientValues;
import lv.sargs.gateway.treasury.ekase.AccountReport;
import lv.sargs.gateway.treasury.ekase.ReportWindow;

/**
 * The Treasury's client routes. Every route admits any recognised client at the router and lets
 * the service decide by the client's roles (view or manage mode, none: 403), so the mode mapping
 * lives in one place. Handlers only translate: the service's futures complete off the event loop.
 */
public final class TreasuryRoutes {

    /** {@code Accept} value asking for the eKase XML instead of JSON. */
    private static final String XML = "application/xml";
    private static final AsciiString XML_TYPE = AsciiString.cached("application/xml; charset=UTF-8");
    private static final AsciiString IDEMPOTENCY_KEY = AsciiString.cached("idempotency-key");
    private static final AsciiString REPLAYED = AsciiString.cached("idempotent-replayed");

    private TreasuryRoutes() {
    }

    /** Adds the five Treasury routes to {@code routes}. */
    public static Router.Builder register(Router.Builder routes, TreasuryService service) {
        return routes
                .post("/v1/treasury/payments", Access.ANY_CLIENT, BodyClass.PAYMENTS, r -> answer(service.submit(caller(r),
                        r.headers().get(IDEMPOTENCY_KEY), r.headers().get(HttpHeaderNames.CONTENT_TYPE), r.body()),
                        TreasuryRoutes::accepted))
                .get("/v1/treasury/payments/{id}", Access.ANY_CLIENT,
                        r -> answer(service.payment(caller(r), r.param("id")), p -> renderPayment(r, p)))
                .get("/v1/treasury/accounts/{iban}/report", Access.ANY_CLIENT,
                        r -> answer(service.accountReport(caller(r), r.param("iban"), window(r)),
                                report -> render(r, report)))
                .get("/v1/treasury/accounts/{iban}/statement", Access.ANY_CLIENT,
                        r -> answer(service.statement(caller(r), r.param("iban"), date(r)), report -> render(r, report)))
                .get("/v1/treasury/notifications", Access.ANY_CLIENT,
                        r -> answer(service.notifications(caller(r), cursor(r)), report -> render(r, report)));
    }

    private static Response accepted(Submission s) {
        Response response = Response.json(HttpResponseStatus.ACCEPTED, TreasuryJson.payment(s.payment()))
                .withHeader(HttpHeaderNames.LOCATION, s.statusPath());
        return s.replayed() ? response.withHeader(REPLAYED, "true") : response;
    }

    private static Response render(Request request, AccountReport report) {
        return wantsXml(request) ? Response.of(HttpResponseStatus.OK, XML_TYPE, report.xml())
                : Response.json(TreasuryJson.report(report));
    }

    private static Response renderPayment(Request request, Payment payment) {
        if (!wantsXml(request)) {
            return Response.json(TreasuryJson.payment(payment));
        }
        if (payment.statusReport() == null) {
            throw new ProblemException(TreasuryException.Code.NOT_FOUND, "payment " + payment.id()
                    + ": no pain.002 from eKase yet (state " + payment.state() + "); ask for JSON");
        }
        return Response.of(HttpResponseStatus.OK, XML_TYPE, payment.statusReport());
    }

    private static boolean wantsXml(Request request) {
        String accept = request.headers().get(HttpHeaderNames.ACCEPT);
        return accept != null && accept.contains(XML) && !accept.contains("application/json");
    }

    private static Caller caller(Request request) {
        return new Caller(request.client().name(), request.client().roles(), request.requestId());
    }

    private static LocalDate date(Request request) {
        String date = request.query("date");
        try {
            return LocalDate.parse(date == null ? "" : date);
        } catch (DateTimeParseException e) {
            throw new ProblemException(TreasuryException.Code.INVALID_DOCUMENT,
                    "date: " + ClientValues.forAnswer(date) + " (expected: a closed day as YYYY-MM-DD)");
        }
    }

    /** {@code from} and {@code to} as HH:MM or HH:MM:SS, Europe/Riga time, both optional (the day's ends). */
    private static ReportWindow window(Request request) {
        LocalTime from = time(request, "from", ReportWindow.WHOLE_DAY.from());
        LocalTime to = time(request, "to", ReportWindow.WHOLE_DAY.to());
        if (to.isBefore(from)) {
            throw new ProblemException(TreasuryException.Code.INVALID_DOCUMENT,
                    "to: " + to + " (expected: not before from " + from + ")");
        }
        return new ReportWindow(from, to);
    }

    private static LocalTime time(Request request, String name, LocalTime absent) {
        String value = request.query(name);
        if (value == null) {
            return absent;
        }
        if (value.matches("[0-9]{2}:[0-9]{2}(:[0-9]{2})?")) {
            try {
                return LocalTime.parse(value);
            } catch (DateTimeParseException e) {
                // out of range (25:00, 10:61): answered below
            }
        }
        throw new ProblemException(TreasuryException.Code.INVALID_DOCUMENT, name + ": " + ClientValues.forAnswer(value)
                + " (expected: a time of today as HH:MM or HH:MM:SS, Europe/Riga)");
    }

    private static long cursor(Request request) {
        String after = request.query("after");
        try {
            return after == null ? 0 : Long.parseLong(after);
        } catch (NumberFormatException e) {
            throw new ProblemException(TreasuryException.Code.INVALID_DOCUMENT,
                    "after: " + ClientValues.forAnswer(after)
                    + " (expected: the 'next' cursor of an earlier answer, or 0)");
        }
    }

    private static <T> CompletableFuture<Response> answer(CompletableFuture<T> work, Function<T, Response> ok) {
        return work.handle((value, failure) -> {
            if (failure != null) {
                throw problem(failure);
            }
            return ok.apply(value);
        });
    }

    private static RuntimeException problem(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (!(cause instanceof TreasuryException e)) {
            return cause instanceof RuntimeException r ? r : new CompletionException(cause);
        }
        TreasuryException.Code type = e.code();
        return switch (e.code()) {
            // Upstream and store failures carry internal addresses and causes: the exchange logs the
            // cause with the request id, the client gets a generic detail.
            case UPSTREAM_FAILED, STORE_FAILED -> new ProblemException(type, type.title() + "; retry later.", e);
            // The client's own mistake: its detail says it all; no stack trace per bad request (a hostile
            // input is already logged once as a rejected input by the service).
            default -> new ProblemException(type, e.getMessage());
        };
    }
}

package lv.sargs.gateway.treasury.ekase;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import lv.sargs.gateway.text.ClientValues;
import lv.sargs.gateway.treasury.xml.Elements;
import lv.sargs.gateway.treasury.xml.IsoMessage;
import lv.sargs.gateway.treasury.xml.SafeXml;
import lv.sargs.gateway.treasury.xml.XmlRejectedException;
import lv.sargs.gateway.upstream.core.Deadline;
import lv.sargs.gateway.upstream.UpstreamClient;
import lv.sargs.gateway.upstream.core.UpstreamException;
import lv.sargs.gateway.upstream.core.UpstreamRequest;
import lv.sargs.gateway.upstream.UpstreamResponse;
import org.tinylog.Logger;
import org.w3c.dom.Document;

/**
 * eKase through the gateway's {@link UpstreamClient} (pooled mutual TLS with the client key on the
 * token, a per-call deadline of {@code requestTimeout}, breaker, metrics), with HTTP Basic
 * credentials and XML bodies: {@code POST /payments} (pain.001 → pain.002),
 * {@code GET /payments/{MsgId}} (pain.002), {@code POST /reports} (camt.060 → camt.052/053),
 * {@code GET /notifications?after=} (camt.054). Only the GETs are retried by the client; a payment
 * is sent once per call, resends are the submitter's decision. This wire protocol is the sandbox's
 * and is unconfirmed (docs/protocols.md §3); it lives only here.
 */
public final class UpstreamEkaseAdapter implements EkaseAdapter {

    private static final String XML = "application/xml";
    /** How long past its deadline a call may take to complete before we stop waiting (scheduling slack). */
    private static final long SLACK_MILLIS = 2_000;

    private final UpstreamClient upstream;
    private final EkaseSettings settings;
    private final SafeXml xml;
    private final Clock clock;
    private final AtomicLong requestSeq = new AtomicLong();

    /**
     * An adapter sending over {@code upstream}, which it owns and closes; {@code settings} give the
     * user, password, mode and the per-call budget ({@code requestTimeout}).
     */
    public UpstreamEkaseAdapter(UpstreamClient upstream, EkaseSettings settings, SafeXml xml, Clock clock) {
        this.upstream = upstream;
        this.settings = settings;
        this.xml = xml;
        this.clock = clock;
    }

    @Override
    public EkaseMode mode() {
        return settings.mode();
    }

    @Override
    public SubmitResult submit(byte[] pain001, String msgId) throws EkaseException {
        if (settings.mode() != EkaseMode.MANAGE) {
            throw new EkaseException(EkaseException.Code.VIEW_MODE, "pain.001 " + msgId + " not sent: eKase user "
                    + settings.user() + " is in view mode (expected: manage to import payments)");
        }
        String what = "submit pain.001 " + msgId;
        UpstreamResponse answer = exchange(what, UpstreamRequest.post("/payments", XML, pain001));
        int status = answer.status();
        if (status == 200 || status == 202 || status == 409 || (status == 400 && answer.contentType().startsWith(XML))) {
            return new SubmitResult(statusReport(answer.body()), status == 409);
        }
        throw failure(what, answer);
    }

    @Override
    public Optional<StatusReport> status(String msgId) throws EkaseException {
        String what = "status of " + msgId;
        UpstreamResponse answer = exchange(what,
                UpstreamRequest.get("/payments/" + URLEncoder.encode(msgId, StandardCharsets.UTF_8)));
        if (answer.status() == 404) {
            return Optional.empty();
        }
        if (answer.status() != 200) {
            throw failure(what, answer);
        }
        return Optional.of(statusReport(answer.body()));
    }

    @Override
    public AccountReport accountReport(String iban, ReportWindow window) throws EkaseException {
        return report(IsoMessage.CAMT_052, iban, LocalDate.now(clock.withZone(ZoneId.of("Europe/Riga"))), window);
    }

    @Override
    public AccountReport statement(String iban, LocalDate day) throws EkaseException {
        return report(IsoMessage.CAMT_053, iban, day, ReportWindow.WHOLE_DAY);
    }

    @Override
    public AccountReport notifications(long cursor) throws EkaseException {
        String what = "notifications after " + cursor;
        UpstreamResponse answer = exchange(what, UpstreamRequest.get("/notifications?after=" + cursor));
        if (answer.status() != 200) {
            throw failure(what, answer);
        }
        return new AccountReport(IsoMessage.CAMT_054, answer.body(), validated(answer.body(), IsoMessage.CAMT_054));
    }

    private AccountReport report(IsoMessage kind, String iban, LocalDate day, ReportWindow window)
            throws EkaseException {
        String what = kind.id() + " of " + iban + " for " + day
                + (window.equals(ReportWindow.WHOLE_DAY) ? "" : " " + window.from() + "-" + window.to());
        byte[] camt060 = Camt060Writer.write("SRG-RQ-" + clock.millis() + "-" + requestSeq.incrementAndGet(),
                clock.instant(), kind, iban, day, window);
        UpstreamResponse answer = exchange(what, UpstreamRequest.post("/reports", XML, camt060));
        if (answer.status() != 200) {
            throw failure(what, answer);
        }
        Document doc = validated(answer.body(), kind);
        String item = kind == IsoMessage.CAMT_052 ? "Rpt" : "Stmt";
        String root = kind == IsoMessage.CAMT_052 ? "BkToCstmrAcctRpt" : "BkToCstmrStmt";
        String reported = Elements.text(doc.getDocumentElement(), root, item, "Acct", "Id", "IBAN").orElse(null);
        if (!iban.equals(reported)) {
            throw new EkaseException(EkaseException.Code.MALFORMED_ANSWER, what + ": the answer reports account "
                    + reported + " (expected: " + iban + ")");
        }
        return new AccountReport(kind, answer.body(), doc);
    }

    private UpstreamResponse exchange(String what, UpstreamRequest request) throws EkaseException {
        Duration budget = settings.requestTimeout();
        Deadline deadline = Deadline.after(budget);
        UpstreamRequest sent = request.withHeader("Accept", XML).withHeader("Authorization", basic());
        try {
            return upstream.call(sent, deadline).get(budget.toMillis() + SLACK_MILLIS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UpstreamException u) {
                throw failure(what, u);
            }
            throw new EkaseException(EkaseException.Code.UNAVAILABLE, what + ": eKase at " + settings.baseUri()
                    + " failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new EkaseException(EkaseException.Code.UNAVAILABLE, what + ": eKase at " + settings.baseUri()
                    + " did not answer within " + budget.toMillis() + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EkaseException(EkaseException.Code.UNAVAILABLE, what + ": interrupted", e);
        }
    }

    private String basic() {
        return lv.sargs.gateway.config.BasicCredentials.header(settings.user(), settings.password());
    }

    private StatusReport statusReport(byte[] body) throws EkaseException {
        return StatusReport.of(validated(body, IsoMessage.PAIN_002), body);
    }

    private Document validated(byte[] body, IsoMessage expected) throws EkaseException {
        try {
            return xml.parse(body, expected);
        } catch (XmlRejectedException e) {
            Logger.warn("treasury: rejected input from eKase ({}): {}", e.code(), ClientValues.forText(e.getMessage()));
            throw new EkaseException(EkaseException.Code.MALFORMED_ANSWER, "eKase answer: " + e.getMessage(), e);
        }
    }

    /** A failed call: a malformed answer is MALFORMED_ANSWER, everything else may pass (UNAVAILABLE). */
    private static EkaseException failure(String what, UpstreamException e) {
        EkaseException.Code code = e.code() == UpstreamException.Code.MALFORMED_RESPONSE
                ? EkaseException.Code.MALFORMED_ANSWER : EkaseException.Code.UNAVAILABLE;
        return new EkaseException(code, what + ": " + e.getMessage() + " [" + e.code() + "]", e);
    }

    private static EkaseException failure(String what, UpstreamResponse answer) {
        int status = answer.status();
        EkaseException.Code code = switch (status) {
            case 401, 403 -> EkaseException.Code.UNAUTHORIZED;
            case 404 -> EkaseException.Code.NOT_FOUND;
            default -> EkaseException.Code.REFUSED;
        };
        byte[] body = answer.body();
        String text = new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8)
                .replaceAll("[\\r\\n]+", " ");
        return new EkaseException(code, what + ": eKase answered HTTP " + status + (text.isBlank() ? "" : ": " + text));
    }

    /** Closes the upstream client's connections; never call it on an event loop. */
    @Override
    public void close() {
        upstream.close();
    }

    @Override
    public String toString() {
        return "UpstreamEkaseAdapter[" + settings + " via upstream '" + upstream.name() + "']";
    }
}

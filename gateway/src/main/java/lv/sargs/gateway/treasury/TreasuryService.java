package lv.sargs.gateway.treasury;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import lv.sargs.gateway.identifiers.Iban;
import lv.sargs.gateway.threads.ThreadPools;
import lv.sargs.gateway.text.ClientValues;
import lv.sargs.gateway.http.StrictJson;
import lv.sargs.gateway.treasury.TreasuryException.Code;
import lv.sargs.gateway.treasury.ekase.AccountReport;
import lv.sargs.gateway.treasury.ekase.ReportWindow;
import lv.sargs.gateway.treasury.ekase.EkaseAdapter;
import lv.sargs.gateway.treasury.ekase.EkaseException;
import lv.sargs.gateway.treasury.ekase.EkaseMode;
import lv.sargs.gateway.treasury.xml.IsoMessage;
import lv.sargs.gateway.treasury.xml.SafeXml;
import lv.sargs.gateway.treasury.xml.XmlRejectedException;
import lv.sargs.gateway.http.ProblemException;
import org.tinylog.Logger;
import org.w3c.dom.Document;

/**
 * Treasury payments and account reports through eKase. A payment (pain.001 XML as is, or JSON
 * the gateway writes as pain.001) is validated, stored durably under the client's idempotency key
 * and only then acknowledged; a background submitter delivers it exactly once. Every method runs
 * on the service's own bounded pool (never on the caller's thread, so never on an event loop) and
 * fails its future with a {@link TreasuryException}.
 */
public final class TreasuryService implements AutoCloseable {

    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7e]{1,128}");

    private final TreasurySettings settings;
    private final EkaseAdapter ekase;
    private final Clock clock;
    private final SafeXml xml;
    private final PaymentStore store;
    private final PaymentSubmitter submitter;
    private final ThreadPoolExecutor requests;

    private TreasuryService(TreasurySettings settings, EkaseAdapter ekase, Clock clock, PaymentStore store,
                            PaymentSteps steps) {
        this.settings = settings;
        this.ekase = ekase;
        this.clock = clock;
        this.xml = new SafeXml(settings.xmlLimits());
        this.store = store;
        this.submitter = new PaymentSubmitter(store, ekase, clock, settings, steps);
        this.requests = new ThreadPoolExecutor(settings.requestThreads(), settings.requestThreads(), 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(settings.requestQueue()), ThreadPools.threadFactory("treasury-request", true));
        this.requests.allowCoreThreadTimeOut(true);
    }

    /**
     * Opens the payment store and resumes every payment a previous run left unfinished
     * (reconciling with eKase first where one may have been sent). Call off any event loop.
     *
     * @param steps {@link PaymentSteps#NONE} in the gateway
     * @throws TreasuryException {@code STORE_FAILED} when the store cannot be opened
     */
    public static TreasuryService start(TreasurySettings settings, EkaseAdapter ekase, Clock clock, PaymentSteps steps) {
        return start(settings, ekase, clock, steps, PaymentListener.NONE);
    }

    /**
     * As {@link #start(TreasurySettings, EkaseAdapter, Clock, PaymentSteps)}, telling
     * {@code listener} of every payment state persisted (metrics, audit).
     */
    public static TreasuryService start(TreasurySettings settings, EkaseAdapter ekase, Clock clock, PaymentSteps steps,
                                        PaymentListener listener) {
        char[] key = settings.storeKey();
        PaymentStore store;
        try {
            store = PaymentStore.open(settings.storeFile(), key, listener);
        } finally {
            if (key != null) {
                java.util.Arrays.fill(key, '\0');
            }
        }
        TreasuryService service = new TreasuryService(settings, ekase, clock, store, steps);
        service.submitter.resume();
        return service;
    }

    /**
     * Validates, stores (synced) and schedules a payment; completes once it is durable.
     *
     * @param contentType the body's media type: {@code application/xml} (pain.001) or {@code application/json}
     */
    public CompletableFuture<Submission> submit(Caller caller, String idempotencyKey, String contentType, byte[] body) {
        return onPool(() -> {
            requireMode(caller, ClientMode.MANAGE, "submit payments");
            if (ekase.mode() != EkaseMode.MANAGE) {
                throw new TreasuryException(Code.UPSTREAM_VIEW_ONLY,
                        "treasury.ekase.mode: VIEW (expected: MANAGE to submit payments; the Treasury registers the mode)");
            }
            if (idempotencyKey == null || !IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
                throw new TreasuryException(Code.IDEMPOTENCY_KEY_REQUIRED, "Idempotency-Key: "
                        + (idempotencyKey == null ? "missing" : "'" + idempotencyKey + "'")
                        + " (expected: 1-128 visible ASCII characters, e.g. a UUID)");
            }
            boolean json = isJson(contentType);
            String digest = digest(json ? "json" : "xml", body);
            var earlier = store.byIdempotencyKey(caller.name(), idempotencyKey);
            if (earlier.isPresent()) {
                return replay(earlier.get(), digest, idempotencyKey);
            }
            PaymentIds ids = PaymentIds.derive(caller.name(), idempotencyKey);
            byte[] pain001 = json ? Pain001Writer.write(parseJson(body), ids, clock.instant(), today()) : body;
            PaymentInstruction instruction = PaymentInstruction.of(parse(caller, pain001));
            List<String> problems = TreasuryRules.problems(instruction, today());
            if (!problems.isEmpty()) {
                throw new TreasuryException(Code.INVALID_PAYMENT, "pain.001 " + instruction.msgId() + ": "
                        + TreasuryRules.listed(problems));
            }
            Payment payment = new Payment(ids.paymentId(), caller.name(), idempotencyKey, digest, instruction.msgId(),
                    instruction.pmtInfIds(), instruction.endToEndIds(), pain001,
                    List.of(new StatusChange(clock.instant(), PaymentState.STORED, null, null, "stored")), null,
                    caller.requestId());
            PaymentStore.Created created;
            try {
                created = store.create(payment);
            } catch (ProblemException auditRefused) {
                // Stored, but its audit record was refused (503): it still goes to eKase; a retry with the key replays.
                submitter.submit(payment.id());
                throw auditRefused;
            }
            if (!created.created()) {
                return replay(created.payment(), digest, idempotencyKey);
            }
            Logger.info("treasury: {} stored for client {}", payment, caller.name());
            submitter.submit(payment.id());
            return new Submission(payment, false);
        });
    }

    /** The payment {@code id} of this client, with its status history. */
    public CompletableFuture<Payment> payment(Caller caller, String id) {
        return onPool(() -> {
            requireMode(caller, ClientMode.VIEW, "read payments");
            return store.get(id).filter(p -> p.client().equals(caller.name()))
                    .orElseThrow(() -> new TreasuryException(Code.NOT_FOUND, "payment " + id + ": not found"));
        });
    }

    /** Today's unclosed-day report (camt.052) of a Treasury account, the entries booked within {@code window}. */
    public CompletableFuture<AccountReport> accountReport(Caller caller, String iban, ReportWindow window) {
        return onPool(() -> {
            requireMode(caller, ClientMode.VIEW, "read account reports");
            requireIban(iban);
            return upstream(() -> ekase.accountReport(iban, window));
        });
    }

    /** The statement (camt.053) of a closed day. */
    public CompletableFuture<AccountReport> statement(Caller caller, String iban, LocalDate day) {
        return onPool(() -> {
            requireMode(caller, ClientMode.VIEW, "read statements");
            requireIban(iban);
            if (!day.isBefore(today())) {
                throw new TreasuryException(Code.INVALID_DOCUMENT, "date: " + day + " (expected: a closed day, before "
                        + today() + "; today's entries are in the report)");
            }
            return upstream(() -> ekase.statement(iban, day));
        });
    }

    /** Debit/credit notifications (camt.054) after {@code cursor}. */
    public CompletableFuture<AccountReport> notifications(Caller caller, long cursor) {
        return onPool(() -> {
            requireMode(caller, ClientMode.VIEW, "read notifications");
            if (cursor < 0) {
                throw new TreasuryException(Code.INVALID_DOCUMENT, "after: " + cursor + " (expected: 0 or more)");
            }
            return upstream(() -> ekase.notifications(cursor));
        });
    }

    private Submission replay(Payment earlier, String digest, String key) {
        if (!earlier.requestDigest().equals(digest)) {
            throw new TreasuryException(Code.IDEMPOTENCY_KEY_REUSED, "Idempotency-Key: '" + key
                    + "' was used for payment " + earlier.id() + " with a different request (expected: a new key)");
        }
        return new Submission(earlier, true);
    }

    private Document parse(Caller caller, byte[] pain001) {
        try {
            return xml.parse(pain001, IsoMessage.PAIN_001);
        } catch (XmlRejectedException e) {
            Logger.warn("treasury: rejected input from client {} ({}): {}", caller.name(), e.code(),
                    ClientValues.forText(e.getMessage()));
            throw new TreasuryException(Code.INVALID_DOCUMENT, e.getMessage(), e);
        }
    }

    private static JsonNode parseJson(byte[] body) {
        try {
            return StrictJson.read(body);
        } catch (java.io.IOException e) {
            throw new TreasuryException(Code.INVALID_DOCUMENT, "payment JSON: " + StrictJson.describe(e), e);
        }
    }

    private void requireMode(Caller caller, ClientMode needed, String action) {
        ClientMode mode = settings.modes().modeOf(caller.roles()).orElseThrow(() -> new TreasuryException(
                Code.MODE_FORBIDDEN, "client " + caller.name() + ": no Treasury role (expected one of "
                + settings.modes().viewRoles() + " or " + settings.modes().manageRoles() + ")"));
        if (needed == ClientMode.MANAGE && mode != ClientMode.MANAGE) {
            throw new TreasuryException(Code.MODE_FORBIDDEN, "client " + caller.name() + ": view mode may not "
                    + action + " (expected a manage role: " + settings.modes().manageRoles() + ")");
        }
    }

    private static void requireIban(String iban) {
        Iban.problem(iban).ifPresent(p -> {
            throw new TreasuryException(Code.INVALID_DOCUMENT, "iban: " + p);
        });
    }

    private static boolean isJson(String contentType) {
        String type = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return switch (type) {
            case "application/json" -> true;
            case "application/xml", "text/xml" -> false;
            default -> throw new TreasuryException(Code.UNSUPPORTED_MEDIA_TYPE, "Content-Type: '" + contentType
                    + "' (expected: application/xml for a pain.001.001.03, or application/json)");
        };
    }

    private static String digest(String kind, byte[] body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(kind.getBytes(StandardCharsets.US_ASCII));
            sha.update((byte) 0);
            return HexFormat.of().formatHex(sha.digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(settings.zone()));
    }

    /** An upstream call whose failure the client sees as 404 or 502. */
    private interface UpstreamCall<T> {
        T call() throws EkaseException;
    }

    private static <T> T upstream(UpstreamCall<T> call) {
        try {
            return call.call();
        } catch (EkaseException e) {
            throw new TreasuryException(e.code() == EkaseException.Code.NOT_FOUND ? Code.NOT_FOUND : Code.UPSTREAM_FAILED,
                    e.getMessage(), e);
        }
    }

    private <T> CompletableFuture<T> onPool(Supplier<T> work) {
        try {
            return CompletableFuture.supplyAsync(work, requests);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new TreasuryException(Code.OVERLOADED,
                    "treasury: " + settings.requestQueue() + " requests already waiting (expected: fewer; retry shortly)"));
        }
    }

    /**
     * Stops taking requests, lets the ones running and the submitter's step in progress finish
     * (without interrupting: an interrupted file write would close the store's channel), then
     * closes the store; unfinished payments resume at the next start.
     */
    @Override
    public void close() {
        requests.shutdown();
        submitter.close();
        try {
            if (!requests.awaitTermination(10, TimeUnit.SECONDS)) {
                Logger.warn("treasury: requests still running after 10 s; closing the store under them");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        store.close();
    }
}

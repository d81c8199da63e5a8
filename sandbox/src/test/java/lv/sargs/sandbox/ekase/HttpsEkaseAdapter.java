package lv.sargs.sandbox.ekase;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import lv.sargs.gateway.treasury.ekase.AccountReport;
import lv.sargs.gateway.treasury.ekase.ReportWindow;
import lv.sargs.gateway.treasury.ekase.Camt060Writer;
import lv.sargs.gateway.treasury.ekase.EkaseAdapter;
import lv.sargs.gateway.treasury.ekase.EkaseException;
import lv.sargs.gateway.treasury.ekase.EkaseMode;
import lv.sargs.gateway.treasury.ekase.EkaseSettings;
import lv.sargs.gateway.treasury.ekase.StatusReport;
import lv.sargs.gateway.treasury.ekase.SubmitResult;
import lv.sargs.gateway.treasury.xml.Elements;
import lv.sargs.gateway.treasury.xml.IsoMessage;
import lv.sargs.gateway.treasury.xml.SafeXml;
import lv.sargs.gateway.treasury.xml.XmlRejectedException;
import org.tinylog.Logger;
import org.w3c.dom.Document;

/**
 * A test client of the sandbox's eKase: HTTPS with mutual TLS (the client key presented by any key
 * manager, a token's or a key store's), HTTP
 * Basic credentials, and XML bodies: {@code POST /payments} (pain.001 → pain.002),
 * {@code GET /payments/{MsgId}} (pain.002), {@code POST /reports} (camt.060 → camt.052/053),
 * {@code GET /notifications?after=} (camt.054). This wire protocol is the sandbox's and is
 * unconfirmed (docs/protocols.md §3). The gateway uses its {@code UpstreamEkaseAdapter}; this JDK HTTP
 * client lives with the sandbox's tests only (never in a production jar), because the crash-test
 * subprocess presents a key from a key store rather than a token.
 */
public final class HttpsEkaseAdapter implements EkaseAdapter {

    private static final String XML = "application/xml";

    private final EkaseSettings settings;
    private final SafeXml xml;
    private final Clock clock;
    private final ExecutorService executor;
    private final HttpClient http;
    private final String base;
    private final AtomicLong requestSeq = new AtomicLong();

    private HttpsEkaseAdapter(EkaseSettings settings, SSLContext tls, SafeXml xml, Clock clock) {
        this.settings = settings;
        this.xml = xml;
        this.clock = clock;
        this.executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "ekase-http");
            t.setDaemon(true);
            return t;
        });
        SSLParameters params = new SSLParameters();
        params.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
        this.http = HttpClient.newBuilder().sslContext(tls).sslParameters(params).executor(executor)
                .connectTimeout(settings.connectTimeout()).followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1).build();
        String uri = settings.baseUri().toString();
        this.base = uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
    }

    /**
     * An adapter presenting {@code clientKey} (e.g. {@code Token.keyManager(label, chain)}) and
     * trusting only {@code settings.trustedCas()}.
     */
    public static HttpsEkaseAdapter create(EkaseSettings settings, X509ExtendedKeyManager clientKey, SafeXml xml,
                                           Clock clock) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            for (int i = 0; i < settings.trustedCas().size(); i++) {
                trust.setCertificateEntry("ca-" + i, settings.trustedCas().get(i));
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(new KeyManager[] {clientKey}, tmf.getTrustManagers(), new SecureRandom());
            return new HttpsEkaseAdapter(settings, tls, xml, clock);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("treasury.ekase: cannot build the TLS context: " + e.getMessage(), e);
        }
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
        HttpResponse<byte[]> answer = exchange("submit pain.001 " + msgId,
                request("/payments").header("Content-Type", XML).POST(HttpRequest.BodyPublishers.ofByteArray(pain001)));
        int status = answer.statusCode();
        if (status == 200 || status == 202 || status == 409 || (status == 400 && isXml(answer))) {
            return new SubmitResult(statusReport(answer.body()), status == 409);
        }
        throw failure("submit pain.001 " + msgId, answer);
    }

    @Override
    public Optional<StatusReport> status(String msgId) throws EkaseException {
        HttpResponse<byte[]> answer = exchange("status of " + msgId,
                request("/payments/" + URLEncoder.encode(msgId, StandardCharsets.UTF_8)).GET());
        if (answer.statusCode() == 404) {
            return Optional.empty();
        }
        if (answer.statusCode() != 200) {
            throw failure("status of " + msgId, answer);
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
        HttpResponse<byte[]> answer = exchange("notifications after " + cursor,
                request("/notifications?after=" + cursor).GET());
        if (answer.statusCode() != 200) {
            throw failure("notifications after " + cursor, answer);
        }
        return new AccountReport(IsoMessage.CAMT_054, answer.body(), validated(answer.body(), IsoMessage.CAMT_054));
    }

    private AccountReport report(IsoMessage kind, String iban, LocalDate day, ReportWindow window)
            throws EkaseException {
        String what = kind.id() + " of " + iban + " for " + day;
        byte[] camt060 = Camt060Writer.write("SRG-RQ-" + clock.millis() + "-" + requestSeq.incrementAndGet(),
                clock.instant(), kind, iban, day, window);
        HttpResponse<byte[]> answer = exchange(what,
                request("/reports").header("Content-Type", XML).POST(HttpRequest.BodyPublishers.ofByteArray(camt060)));
        if (answer.statusCode() != 200) {
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

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(settings.requestTimeout())
                .header("Accept", XML).header("Authorization", basic());
    }

    private String basic() {
        char[] password = settings.password();
        CharBuffer chars = CharBuffer.allocate(settings.user().length() + 1 + password.length);
        chars.put(settings.user()).put(':').put(password).flip();
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(chars);
        byte[] raw = new byte[bytes.remaining()];
        bytes.get(raw);
        try {
            return "Basic " + Base64.getEncoder().encodeToString(raw);
        } finally {
            Arrays.fill(password, '\0');
            Arrays.fill(chars.array(), '\0');
            Arrays.fill(raw, (byte) 0);
            if (bytes.hasArray()) {
                Arrays.fill(bytes.array(), (byte) 0);
            }
        }
    }

    private HttpResponse<byte[]> exchange(String what, HttpRequest.Builder request) throws EkaseException {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new EkaseException(EkaseException.Code.UNAVAILABLE, what + ": eKase at " + base + " unreachable ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EkaseException(EkaseException.Code.UNAVAILABLE, what + ": interrupted", e);
        }
    }

    private StatusReport statusReport(byte[] body) throws EkaseException {
        return StatusReport.of(validated(body, IsoMessage.PAIN_002), body);
    }

    private Document validated(byte[] body, IsoMessage expected) throws EkaseException {
        try {
            return xml.parse(body, expected);
        } catch (XmlRejectedException e) {
            Logger.warn("treasury: rejected input from eKase ({}): {}", e.code(), e.getMessage());
            throw new EkaseException(EkaseException.Code.MALFORMED_ANSWER, "eKase answer: " + e.getMessage(), e);
        }
    }

    private static boolean isXml(HttpResponse<byte[]> answer) {
        return answer.headers().firstValue("Content-Type").map(t -> t.startsWith(XML)).orElse(false);
    }

    private static EkaseException failure(String what, HttpResponse<byte[]> answer) {
        int status = answer.statusCode();
        EkaseException.Code code = switch (status) {
            case 401, 403 -> EkaseException.Code.UNAUTHORIZED;
            case 404 -> EkaseException.Code.NOT_FOUND;
            default -> status >= 500 ? EkaseException.Code.UNAVAILABLE : EkaseException.Code.REFUSED;
        };
        String body = new String(answer.body(), 0, Math.min(answer.body().length, 200), StandardCharsets.UTF_8)
                .replaceAll("[\\r\\n]+", " ");
        return new EkaseException(code, what + ": eKase answered HTTP " + status + (body.isBlank() ? "" : ": " + body));
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    @Override
    public String toString() {
        return "HttpsEkaseAdapter[" + settings + "]";
    }
}

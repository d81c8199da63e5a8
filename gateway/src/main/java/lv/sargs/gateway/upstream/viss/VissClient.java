package lv.sargs.gateway.upstream.viss;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import lv.sargs.gateway.metrics.Metrics;
import lv.sargs.gateway.upstream.ClientKey;
import lv.sargs.gateway.upstream.Deadline;
import lv.sargs.gateway.upstream.JsonBodies;
import lv.sargs.gateway.upstream.Phase;
import lv.sargs.gateway.upstream.UpstreamClient;
import lv.sargs.gateway.upstream.UpstreamException;
import lv.sargs.gateway.upstream.UpstreamException.Code;
import lv.sargs.gateway.upstream.UpstreamRequest;
import lv.sargs.gateway.upstream.UpstreamResponse;
import lv.sargs.hsm.SignatureAlgorithm;
import lv.sargs.hsm.Token;
import lv.sargs.hsm.jws.JwsSigner;

/**
 * The client of VISS API Pārvaldnieks (PROTOCOLS.md §1): business calls with a bearer token over
 * the upstream's mutual TLS, the token obtained with an RS256 client assertion signed on the
 * token by the same key as the TLS client certificate, cached and refreshed once for all callers;
 * a 401 triggers one refresh and one retry. Returns raw JSON for the lookup service to map.
 */
public final class VissClient {

    /** Legal entity by registration number. */
    public static final String LEGAL_ENTITY = "/legalentity/v1.0/legal-entity/";
    /** A natural person's roles in entities, by personal code. */
    public static final String NATURAL_PERSON = "/naturalperson/v1.0/natural-person/";

    private static final Pattern REGISTRATION_NUMBER = Pattern.compile("\\d{11}");
    private static final Pattern PERSONAL_CODE = Pattern.compile("\\d{6}-?\\d{5}");

    private final UpstreamClient upstream;
    private final AccessTokenCache tokens;
    private final Metrics.Counter refreshes;

    VissClient(UpstreamClient upstream, Token token, VissSettings settings, Metrics metrics, Clock clock,
               LongSupplier nanoClock) {
        ClientKey key = upstream.settings().tls().clientKey();
        JwsSigner signer = new JwsSigner(token, key.label(), SignatureAlgorithm.SHA256_WITH_RSA, key.chain());
        TokenEndpoint endpoint = new TokenEndpoint(upstream, signer, settings, clock, nanoClock);
        this.upstream = upstream;
        this.refreshes = metrics.counter("sargs_upstream_token_refreshes_total",
                "Access tokens obtained from an upstream's token endpoint.", "upstream=\"" + upstream.name() + "\"");
        this.tokens = new AccessTokenCache(deadline -> {
            refreshes.increment();
            return endpoint.fetch(deadline);
        }, nanoClock);
    }

    /**
     * A VISS client over {@code upstream}, whose client key (RSA) also signs the assertions.
     *
     * @param metrics where {@code sargs_upstream_token_refreshes_total} is counted
     */
    public static VissClient create(UpstreamClient upstream, Token token, VissSettings settings, Metrics metrics) {
        return new VissClient(upstream, token, settings, metrics, Clock.systemUTC(), System::nanoTime);
    }

    /** {@code GET /legalentity/v1.0/legal-entity/{regNo}}; {@code regNo} is 11 digits. */
    public CompletableFuture<VissResult> legalEntity(String registrationNumber, Deadline deadline) {
        if (registrationNumber == null || !REGISTRATION_NUMBER.matcher(registrationNumber).matches()) {
            return invalid("registration number", registrationNumber, "11 digits");
        }
        return get(LEGAL_ENTITY + registrationNumber, deadline);
    }

    /** {@code GET /naturalperson/v1.0/natural-person/{code}}; the code's hyphen, if any, is dropped. */
    public CompletableFuture<VissResult> naturalPerson(String personalCode, Deadline deadline) {
        if (personalCode == null || !PERSONAL_CODE.matcher(personalCode).matches()) {
            return invalid("personal code", personalCode, "11 digits, optionally a hyphen after the 6th");
        }
        return get(NATURAL_PERSON + personalCode.replace("-", ""), deadline);
    }

    /**
     * Any business GET (beneficial owners, insolvency proceedings, changes feeds …) by its
     * percent-encoded path and query, e.g. {@code /beneficialowners/v1.0/...}.
     */
    public CompletableFuture<VissResult> get(String path, Deadline deadline) {
        return accessToken(deadline).thenCompose(token -> send(path, token, deadline, true));
    }

    /** Access tokens obtained so far (the first one included). */
    public long tokenRefreshes() {
        return refreshes.get();
    }

    private CompletableFuture<VissResult> send(String path, AccessToken token, Deadline deadline, boolean mayRefresh) {
        UpstreamRequest request = UpstreamRequest.get(path)
                .withHeader("Authorization", "Bearer " + token.value())
                .withHeader("Accept", "application/json");
        return upstream.call(request, deadline).thenCompose(response -> {
            if (response.status() == 401) {
                tokens.invalidate(token);
                if (!mayRefresh) {
                    throw new CompletionException(new UpstreamException(Code.UNAUTHORIZED, upstream.name(),
                            Phase.RESPONSE, "HTTP 401 to GET " + path + " with a freshly obtained token"));
                }
                return accessToken(deadline).thenCompose(fresh -> send(path, fresh, deadline, false));
            }
            return CompletableFuture.completedFuture(result(path, response));
        });
    }

    /** The shared token refresh may run on another caller's budget: wait no longer than ours. */
    private CompletableFuture<AccessToken> accessToken(Deadline deadline) {
        return upstream.within(tokens.get(deadline), deadline, Phase.ACCESS_TOKEN);
    }

    private VissResult result(String path, UpstreamResponse response) {
        String malformed = JsonBodies.malformation(response.body());
        if (malformed != null) {
            throw new CompletionException(new UpstreamException(Code.MALFORMED_RESPONSE, upstream.name(),
                    Phase.RESPONSE, "HTTP " + response.status() + " to GET " + path + ": body is not JSON: " + malformed));
        }
        if (response.status() == 400 && EntityNotFound.in(response.body())) {
            return new VissResult.NotFound(path, response.body());
        }
        return new VissResult.Answer(response.status(), response.body());
    }

    private CompletableFuture<VissResult> invalid(String what, String value, String expected) {
        return CompletableFuture.failedFuture(new UpstreamException(Code.INVALID_REQUEST, upstream.name(),
                Phase.ADMISSION, what + ": " + value + " (expected: " + expected + ")"));
    }
}

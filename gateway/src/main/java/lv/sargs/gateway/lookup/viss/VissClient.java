package lv.sargs.gateway.lookup.viss;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.regex.Pattern;
import lv.sargs.gateway.metrics.Metrics;
import lv.sargs.gateway.upstream.AuthorizedCalls;
import lv.sargs.gateway.upstream.Authorization;
import lv.sargs.gateway.upstream.core.Deadline;
import lv.sargs.gateway.upstream.JsonBodies;
import lv.sargs.gateway.upstream.core.Phase;
import lv.sargs.gateway.upstream.UpstreamClient;
import lv.sargs.gateway.upstream.core.UpstreamException;
import lv.sargs.gateway.upstream.core.UpstreamException.Code;
import lv.sargs.gateway.upstream.UpstreamResponse;
import lv.sargs.gateway.upstream.oauth.ClientCredentialsGrant;
import lv.sargs.hsm.Token;

/**
 * The client of VISS API Pārvaldnieks (docs/protocols.md §1): Enterprise Register GETs with a bearer
 * token over the upstream's mutual TLS; the token comes from the client-credentials grant with a
 * JWT assertion signed on the token by the key of the TLS client certificate. Returns raw JSON for
 * the lookup service to map; HTTP 400 {@code ENTITY_NOT_FOUND} is a result, not an error.
 */
public final class VissClient {

    private static final Pattern REGISTRATION_NUMBER = Pattern.compile("\\d{11}");
    private static final Pattern PERSONAL_CODE = Pattern.compile("\\d{6}-?\\d{5}");

    private final UpstreamClient upstream;
    private final AuthorizedCalls calls;

    private VissClient(UpstreamClient upstream, Authorization authorization) {
        this.upstream = upstream;
        this.calls = new AuthorizedCalls(upstream, authorization, List.of());
    }

    /**
     * A VISS client over {@code upstream}, whose client key (RSA, on {@code token}) also signs the
     * assertions (each one told to {@code keyUsed} as key label and purpose, for the audit trail);
     * {@code sargs_upstream_access_tokens_total} is counted in {@code metrics}.
     */
    public static VissClient create(UpstreamClient upstream, Token token, VissSettings settings, Metrics metrics,
                                    java.util.function.BiConsumer<String, String> keyUsed) {
        var assertion = new JwtClientAssertion(token, upstream.settings().tls().clientKey(), settings, Clock.systemUTC(),
                keyUsed);
        return new VissClient(upstream,
                ClientCredentialsGrant.create(upstream, settings.oauth(), Optional.of(assertion), metrics));
    }

    /** {@code GET /legalentity/v1.0/legal-entity/{regNo}}; {@code regNo} is 11 digits. */
    public CompletableFuture<VissResult> legalEntity(String registrationNumber, Deadline deadline) {
        if (registrationNumber == null || !REGISTRATION_NUMBER.matcher(registrationNumber).matches()) {
            return invalid("registration number", registrationNumber, "11 digits");
        }
        return get(VissPaths.legalEntity(registrationNumber), deadline);
    }

    /** {@code GET /naturalperson/v1.0/natural-person/{code}}; the code's hyphen, if any, is dropped. */
    public CompletableFuture<VissResult> naturalPerson(String personalCode, Deadline deadline) {
        if (personalCode == null || !PERSONAL_CODE.matcher(personalCode).matches()) {
            return invalid("personal code", personalCode, "11 digits, optionally a hyphen after the 6th");
        }
        return get(VissPaths.naturalPerson(personalCode.replace("-", "")), deadline);
    }

    /**
     * Any business GET (beneficial owners, insolvency proceedings, changes feeds …) by its
     * percent-encoded path and query.
     */
    public CompletableFuture<VissResult> get(String path, Deadline deadline) {
        return calls.get(path, deadline).thenApply(response -> result(path, response));
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

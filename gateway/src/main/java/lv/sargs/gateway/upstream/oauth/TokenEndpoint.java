package lv.sargs.gateway.upstream.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.CharBuffer;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import lv.sargs.gateway.upstream.core.Deadline;
import lv.sargs.gateway.upstream.core.Phase;
import lv.sargs.gateway.text.ClientValues;
import lv.sargs.gateway.upstream.JsonBodies;
import lv.sargs.gateway.upstream.UpstreamClient;
import lv.sargs.gateway.upstream.core.UpstreamException;
import lv.sargs.gateway.upstream.core.UpstreamException.Code;
import lv.sargs.gateway.upstream.core.UpstreamRequest;
import lv.sargs.gateway.upstream.UpstreamResponse;

/**
 * Obtains an access token by the client-credentials grant: the form with client id and secret
 * (and a fresh client assertion, when the upstream wants one) posted over the upstream's mutual
 * TLS; reads {@code access_token} and {@code expires_in}. An OAuth error becomes
 * {@code UNAUTHORIZED} naming the error the upstream gave, never the secret.
 */
final class TokenEndpoint {

    static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How long before its expiry a token is no longer sent, even while its refresh is under way. */
    private static final long EXPIRY_SLACK_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final UpstreamClient upstream;
    private final OAuthSettings settings;
    private final Optional<ClientAssertion> assertion;
    private final LongSupplier nanoClock;

    TokenEndpoint(UpstreamClient upstream, OAuthSettings settings, Optional<ClientAssertion> assertion,
                  LongSupplier nanoClock) {
        this.upstream = upstream;
        this.settings = settings;
        this.assertion = assertion;
        this.nanoClock = nanoClock;
    }

    CompletableFuture<AccessToken> fetch(Deadline deadline) {
        return attempt(deadline).exceptionallyCompose(error -> {
            // A keep-alive connection the server had just closed: the POST is sent once more, with
            // a fresh assertion (new jti); nothing else is retried.
            Throwable cause = unwrap(error);
            if (cause instanceof UpstreamException e && e.code() == Code.CONNECTION_RESET && !deadline.expired()) {
                return attempt(deadline);
            }
            return CompletableFuture.failedFuture(cause);
        });
    }

    private CompletableFuture<AccessToken> attempt(Deadline deadline) {
        if (assertion.isEmpty()) {
            return post(null, deadline);
        }
        CompletableFuture<String> signed;
        try {
            signed = assertion.get().next();
        } catch (RuntimeException e) {
            signed = CompletableFuture.failedFuture(e);
        }
        return upstream.within(signed, deadline, Phase.ACCESS_TOKEN)
                .handle((jws, error) -> {
                    if (error != null) {
                        throw new CompletionException(assertionFailed(error));
                    }
                    return jws;
                })
                .thenCompose(jws -> post(jws, deadline));
    }

    private CompletableFuture<AccessToken> post(String clientAssertion, Deadline deadline) {
        FormBody form = new FormBody()
                .add("grant_type", "client_credentials")
                .add("client_id", settings.clientId())
                .add("client_secret", CharBuffer.wrap(settings.clientSecret()));
        if (clientAssertion != null) {
            form.add("client_assertion_type", ASSERTION_TYPE).add("client_assertion", clientAssertion);
        }
        byte[] body = form.bytes();
        UpstreamRequest request = UpstreamRequest.post(settings.tokenPath(), FormBody.MEDIA_TYPE, body)
                .withHeader("Accept", "application/json");
        long sentAt = nanoClock.getAsLong();
        return upstream.call(request, deadline)
                .whenComplete((response, error) -> Arrays.fill(body, (byte) 0))
                .thenApply(response -> read(response, sentAt));
    }

    private AccessToken read(UpstreamResponse response, long sentAtNanos) {
        return read(upstream.name(), settings.refreshMargin().toNanos(), response, sentAtNanos);
    }

    /**
     * The token in the endpoint's answer, to be refreshed {@code refreshMarginNanos} before it expires; an
     * {@link UpstreamException} of {@code upstreamName} naming what is wrong otherwise (the endpoint's
     * own words only shortened and escaped: they reach logs and the status).
     */
    static AccessToken read(String upstreamName, long refreshMarginNanos, UpstreamResponse response,
                            long sentAtNanos) {
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            throw failure(upstreamName, Code.MALFORMED_RESPONSE, "token endpoint answered HTTP " + response.status()
                    + " with a body that is not JSON: " + JsonBodies.describe(e));
        }
        if (response.status() != 200) {
            String error = body != null && body.hasNonNull("error")
                    ? ClientValues.forText(body.get("error").asText()) : "(no error code)";
            String description = body != null && body.hasNonNull("error_description")
                    ? " (" + ClientValues.forText(body.get("error_description").asText()) + ")" : "";
            throw failure(upstreamName, Code.UNAUTHORIZED, "token endpoint refused with HTTP " + response.status()
                    + ": " + error + description);
        }
        JsonNode token = body == null ? null : body.get("access_token");
        JsonNode expiresIn = body == null ? null : body.get("expires_in");
        if (token == null || !token.isTextual() || token.asText().isEmpty()
                || expiresIn == null || !expiresIn.canConvertToLong() || expiresIn.asLong() <= 0) {
            throw failure(upstreamName, Code.MALFORMED_RESPONSE,
                    "token response lacks access_token or a positive expires_in (expected: RFC 6749 §5.1)");
        }
        // Counted from when the request left: the token was issued some time after that. It is
        // refreshed the margin before it expires, and sent while that refresh is under way until
        // a few seconds before (a call in flight must still arrive with a valid token).
        long expiresNanos = TimeUnit.SECONDS.toNanos(expiresIn.asLong());
        long useNanos = Math.max(0, expiresNanos - refreshMarginNanos);
        long validNanos = Math.max(useNanos, expiresNanos - Math.min(refreshMarginNanos, EXPIRY_SLACK_NANOS));
        return new AccessToken("Bearer " + token.asText(), sentAtNanos + useNanos, sentAtNanos + validNanos);
    }

    private UpstreamException assertionFailed(Throwable error) {
        Throwable cause = unwrap(error);
        if (cause instanceof UpstreamException e) {
            return e;
        }
        return new UpstreamException(Code.CLIENT_KEY_FAILED, upstream.name(), Phase.ACCESS_TOKEN,
                "cannot sign the client assertion: " + cause.getMessage(), cause);
    }

    private static UpstreamException failure(String upstreamName, Code code, String message) {
        return new UpstreamException(code, upstreamName, Phase.ACCESS_TOKEN, message);
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }
}

package lv.sargs.gateway.upstream.viss;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.CharBuffer;
import java.time.Clock;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import lv.sargs.gateway.upstream.Deadline;
import lv.sargs.gateway.upstream.Phase;
import lv.sargs.gateway.upstream.UpstreamClient;
import lv.sargs.gateway.upstream.UpstreamException;
import lv.sargs.gateway.upstream.UpstreamException.Code;
import lv.sargs.gateway.upstream.UpstreamRequest;
import lv.sargs.gateway.upstream.UpstreamResponse;
import lv.sargs.hsm.TokenException;
import lv.sargs.hsm.jws.ClientAssertions;
import lv.sargs.hsm.jws.JwsSigner;

/**
 * Obtains an access token from VISS: signs a fresh JWT client assertion on the token (never
 * blocking a thread for it), posts the client-credentials form over mutual TLS and reads
 * {@code access_token} and {@code expires_in}; an OAuth error becomes {@code UNAUTHORIZED}
 * naming the error the upstream gave.
 */
final class TokenEndpoint {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    private final UpstreamClient upstream;
    private final JwsSigner signer;
    private final VissSettings settings;
    private final Clock clock;
    private final LongSupplier nanoClock;

    TokenEndpoint(UpstreamClient upstream, JwsSigner signer, VissSettings settings, Clock clock, LongSupplier nanoClock) {
        this.upstream = upstream;
        this.signer = signer;
        this.settings = settings;
        this.clock = clock;
        this.nanoClock = nanoClock;
    }

    CompletableFuture<AccessToken> fetch(Deadline deadline) {
        return attempt(deadline).exceptionallyCompose(error -> {
            // A keep-alive connection the server had just closed: the POST never reached it. A
            // fresh assertion (new jti) makes a second request safe; nothing else is retried.
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (cause instanceof UpstreamException e && e.code() == Code.CONNECTION_RESET && !deadline.expired()) {
                return attempt(deadline);
            }
            return CompletableFuture.failedFuture(cause);
        });
    }

    private CompletableFuture<AccessToken> attempt(Deadline deadline) {
        CompletableFuture<String> assertion;
        try {
            assertion = signer.sign(ClientAssertions.claims(settings.clientId(), settings.audience(), clock.instant(),
                    settings.assertionLifetime()));
        } catch (TokenException e) {
            assertion = CompletableFuture.failedFuture(e);
        }
        return upstream.within(assertion, deadline, Phase.ACCESS_TOKEN)
                .handle((jws, error) -> {
                    if (error != null) {
                        throw new CompletionException(signingFailed(error));
                    }
                    return jws;
                })
                .thenCompose(jws -> post(jws, deadline));
    }

    private CompletableFuture<AccessToken> post(String assertion, Deadline deadline) {
        byte[] form = new FormBody()
                .add("grant_type", "client_credentials")
                .add("client_id", settings.clientId())
                .add("client_secret", CharBuffer.wrap(settings.clientSecret()))
                .add("client_assertion_type", ASSERTION_TYPE)
                .add("client_assertion", assertion)
                .bytes();
        UpstreamRequest request = UpstreamRequest.post(settings.tokenPath(), FormBody.MEDIA_TYPE, form)
                .withHeader("Accept", "application/json");
        long sentAt = nanoClock.getAsLong();
        return upstream.call(request, deadline)
                .whenComplete((response, error) -> Arrays.fill(form, (byte) 0))
                .thenApply(response -> read(response, sentAt));
    }

    private AccessToken read(UpstreamResponse response, long sentAtNanos) {
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw failure(Code.MALFORMED_RESPONSE, "token endpoint answered HTTP " + response.status()
                    + " with a body that is not JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw failure(Code.MALFORMED_RESPONSE, "cannot read the token response: " + e.getMessage());
        }
        if (response.status() != 200) {
            String error = body != null && body.hasNonNull("error") ? body.get("error").asText() : "(no error code)";
            String description = body != null && body.hasNonNull("error_description")
                    ? " (" + body.get("error_description").asText() + ")" : "";
            throw failure(Code.UNAUTHORIZED, "token endpoint refused with HTTP " + response.status() + ": "
                    + error + description);
        }
        JsonNode token = body == null ? null : body.get("access_token");
        JsonNode expiresIn = body == null ? null : body.get("expires_in");
        if (token == null || !token.isTextual() || token.asText().isEmpty()
                || expiresIn == null || !expiresIn.canConvertToLong() || expiresIn.asLong() <= 0) {
            throw failure(Code.MALFORMED_RESPONSE,
                    "token response lacks access_token or a positive expires_in (expected: RFC 6749 §5.1)");
        }
        // Measured from when the request left: the token may have been issued any time after.
        long lifetimeNanos = TimeUnit.SECONDS.toNanos(expiresIn.asLong()) - settings.refreshMargin().toNanos();
        return new AccessToken(token.asText(), sentAtNanos + Math.max(0, lifetimeNanos));
    }

    private UpstreamException signingFailed(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof UpstreamException e) {
            return e;
        }
        return new UpstreamException(Code.CLIENT_KEY_FAILED, upstream.name(), Phase.ACCESS_TOKEN,
                "cannot sign the client assertion: " + cause.getMessage(), cause);
    }

    private UpstreamException failure(Code code, String message) {
        return new UpstreamException(code, upstream.name(), Phase.ACCESS_TOKEN, message);
    }
}

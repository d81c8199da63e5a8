package lv.sargs.sandbox.viss;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.time.Clock;
import lv.sargs.sandbox.server.AccessTokens;
import lv.sargs.sandbox.server.RateLimiter;
import lv.sargs.sandbox.server.Route;
import lv.sargs.sandbox.server.SimulatorResponse;

/**
 * Lets a business call through only with a good bearer token obtained over the same client
 * certificate, and within the client's quota; answers as WSO2 API Manager does otherwise.
 */
final class BearerGate {

    private final AccessTokens tokens;
    private final RateLimiter rate;
    private final Clock clock;

    BearerGate(AccessTokens tokens, RateLimiter rate, Clock clock) {
        this.tokens = tokens;
        this.rate = rate;
        this.clock = clock;
    }

    /** {@code inner} behind the gate. */
    Route.Handler guard(Route.Handler inner) {
        return request -> {
            String header = request.headers().get(HttpHeaderNames.AUTHORIZATION);
            if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return fault(401, 900902, "Missing Credentials",
                        "Invalid Credentials. Make sure your API invocation call has a header: 'Authorization : Bearer ***'")
                        .withHeader("WWW-Authenticate", "OAuth2 realm=\"WSO2 API Manager\"");
            }
            String token = header.substring(7).trim();
            AccessTokens.Refusal refusal = tokens.check(token, request.clientCertificate());
            if (refusal != null) {
                String why = switch (refusal) {
                    case EXPIRED -> "The access token expired";
                    case OTHER_CERTIFICATE -> "The access token is bound to another client certificate";
                    default -> "The access token is not active";
                };
                return fault(401, 900901, "Invalid Credentials",
                        "Invalid Credentials. Make sure you have provided the correct security credentials")
                        .withHeader("WWW-Authenticate", "OAuth2 realm=\"WSO2 API Manager\", error=\"invalid_token\", "
                                + "error_description=\"" + why + "\"");
            }
            // A token pruned since the check above still counts against a quota: its own.
            String client = tokens.clientOf(token);
            long retryAfter = rate.acquire(client != null ? client : token);
            if (retryAfter > 0) {
                ObjectNode body = faultBody(900802, "Message throttled out", "You have exceeded your quota");
                ((ObjectNode) body.get("fault")).put("nextAccessTime",
                        clock.instant().plusSeconds(retryAfter).toString());
                return SimulatorResponse.json(429, body).withHeader("Retry-After", Long.toString(retryAfter));
            }
            return inner.handle(request);
        };
    }

    private static SimulatorResponse fault(int status, int code, String message, String description) {
        return SimulatorResponse.json(status, faultBody(code, message, description));
    }

    private static ObjectNode faultBody(int code, String message, String description) {
        ObjectNode body = SimulatorResponse.mapper().createObjectNode();
        body.putObject("fault").put("code", code).put("message", message).put("description", description);
        return body;
    }
}

package lv.sargs.gateway.lookup.fpr;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.regex.Pattern;
import lv.sargs.gateway.upstream.AuthorizedCalls;
import lv.sargs.gateway.upstream.Authorization;
import lv.sargs.gateway.upstream.core.Deadline;
import lv.sargs.gateway.upstream.JsonBodies;
import lv.sargs.gateway.upstream.core.Phase;
import lv.sargs.gateway.upstream.UpstreamClient;
import lv.sargs.gateway.upstream.core.UpstreamException;
import lv.sargs.gateway.upstream.core.UpstreamException.Code;
import lv.sargs.gateway.upstream.core.UpstreamRequest;
import lv.sargs.gateway.upstream.UpstreamResponse;

/**
 * The client of the population register in the DAGR style (docs/protocols.md §2): person by personal
 * code and the changed-records list, each call with {@code Authorization} and
 * {@code X-DAGR-Permission} over the upstream's mutual TLS; a 401 renews the authorization once.
 */
public final class FprClient {

    static final String PERMISSION_HEADER = "X-DAGR-Permission";
    private static final Pattern PERSONAL_CODE = Pattern.compile("\\d{6}-?\\d{5}");
    private static final Pattern CURSOR = Pattern.compile("[A-Za-z0-9:._+-]{1,64}");

    private final UpstreamClient upstream;
    private final FprSettings settings;
    private final AuthorizedCalls calls;

    private FprClient(UpstreamClient upstream, FprSettings settings, Authorization authorization) {
        this.upstream = upstream;
        this.settings = settings;
        this.calls = new AuthorizedCalls(upstream, authorization,
                List.of(new UpstreamRequest.Header(PERMISSION_HEADER, settings.permission())));
    }

    /**
     * An FPR client over {@code upstream}, authorizing with {@code authorization} — DAGR's security
     * token from a {@code ClientCredentialsGrant}, or a fixed credential.
     */
    public static FprClient create(UpstreamClient upstream, FprSettings settings, Authorization authorization) {
        return new FprClient(upstream, settings, authorization);
    }

    /** The person with {@code personalCode} (hyphen optional, dropped on the wire), current or previous. */
    public CompletableFuture<FprResult> person(String personalCode, Deadline deadline) {
        if (personalCode == null || !PERSONAL_CODE.matcher(personalCode).matches()) {
            return invalid("personal code", personalCode, "11 digits, optionally a hyphen after the 6th");
        }
        return get(settings.personPath().replace(FprSettings.PERSONAL_CODE, personalCode.replace("-", "")), deadline);
    }

    /** Records changed after {@code cursor} (0 at first, then the previous page's next cursor). */
    public CompletableFuture<FprResult> changes(String cursor, Deadline deadline) {
        if (cursor == null || !CURSOR.matcher(cursor).matches()) {
            return invalid("changes cursor", cursor, "1-64 letters, digits or :._+-");
        }
        return get(settings.changesPath().replace(FprSettings.CURSOR, URLEncoder.encode(cursor, StandardCharsets.UTF_8)),
                deadline);
    }

    private CompletableFuture<FprResult> get(String path, Deadline deadline) {
        return calls.get(path, deadline).thenApply(response -> result(path, response));
    }

    private FprResult result(String path, UpstreamResponse response) {
        if (response.status() == 404) {
            return new FprResult.NotFound(path);
        }
        String malformed = JsonBodies.malformation(response.body());
        if (malformed != null) {
            throw new CompletionException(new UpstreamException(Code.MALFORMED_RESPONSE, upstream.name(),
                    Phase.RESPONSE, "HTTP " + response.status() + " to GET " + path + ": body is not JSON: " + malformed));
        }
        return new FprResult.Answer(response.status(), response.body());
    }

    private CompletableFuture<FprResult> invalid(String what, String value, String expected) {
        return CompletableFuture.failedFuture(new UpstreamException(Code.INVALID_REQUEST, upstream.name(),
                Phase.ADMISSION, what + ": " + value + " (expected: " + expected + ")"));
    }
}

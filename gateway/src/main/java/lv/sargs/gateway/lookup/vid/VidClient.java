package lv.sargs.gateway.lookup.vid;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.regex.Pattern;
import lv.sargs.gateway.upstream.core.Deadline;
import lv.sargs.gateway.upstream.JsonBodies;
import lv.sargs.gateway.upstream.core.Phase;
import lv.sargs.gateway.upstream.UpstreamClient;
import lv.sargs.gateway.upstream.core.UpstreamException;
import lv.sargs.gateway.upstream.core.UpstreamException.Code;
import lv.sargs.gateway.upstream.core.UpstreamRequest;

/**
 * The client of the State Revenue Service's (VID) taxpayer data: one GET by taxpayer code — a
 * company's registration number or a person's personal code — over the upstream's mutual TLS, the
 * client certificate being the credential. <strong>VID's interface is unconfirmed</strong>: the
 * path and the JSON are the sandbox simulator's assumption until VID confirms its own.
 */
public final class VidClient {

    /** The taxpayer by code (assumed; unconfirmed). */
    static final String TAXPAYER = "/taxpayer/v1/taxpayers/";

    private static final Pattern TAXPAYER_CODE = Pattern.compile("\\d{11}");

    private final UpstreamClient upstream;

    /** A VID client over {@code upstream}. */
    public VidClient(UpstreamClient upstream) {
        this.upstream = upstream;
    }

    /**
     * The taxpayer with {@code code} (11 digits): the JSON of a 200, or null for a 404 (VID does
     * not know the taxpayer); any other status fails as an unexpected answer, a body that is not
     * JSON as a malformed one.
     */
    public CompletableFuture<byte[]> taxpayer(String code, Deadline deadline) {
        if (code == null || !TAXPAYER_CODE.matcher(code).matches()) {
            return CompletableFuture.failedFuture(new UpstreamException(Code.INVALID_REQUEST, upstream.name(),
                    Phase.ADMISSION, "taxpayer code: " + code + " (expected: 11 digits)"));
        }
        String path = TAXPAYER + code;
        return upstream.call(UpstreamRequest.get(path).withHeader("Accept", "application/json"), deadline)
                .thenApply(response -> {
                    if (response.status() == 404) {
                        return null;
                    }
                    String malformed = JsonBodies.malformation(response.body());
                    if (response.status() != 200 || malformed != null) {
                        throw new CompletionException(new UpstreamException(Code.MALFORMED_RESPONSE, upstream.name(),
                                Phase.RESPONSE, "HTTP " + response.status() + " to GET " + path + " (expected: 200 with"
                                + " JSON, or 404)" + (malformed == null ? "" : ": body is not JSON: " + malformed)));
                    }
                    return response.body();
                });
    }
}

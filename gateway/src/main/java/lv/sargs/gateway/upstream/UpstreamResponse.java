package lv.sargs.gateway.upstream;

import lv.sargs.gateway.upstream.core.UpstreamException;

/**
 * A complete response from an upstream: any status other than 5xx and 429 (which the client turns
 * into retries or {@link UpstreamException}s), its media type and the whole body.
 *
 * @param status the HTTP status
 * @param contentType the {@code Content-Type}, or an empty string when absent
 * @param body the body bytes, empty for none
 */
public record UpstreamResponse(int status, String contentType, byte[] body) {

    @Override
    public String toString() {
        return "HTTP " + status + " " + contentType + " (" + body.length + " bytes)";
    }
}

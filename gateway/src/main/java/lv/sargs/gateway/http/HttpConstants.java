package lv.sargs.gateway.http;

import io.netty.util.AsciiString;

/** Header names and values encoded once, so responses copy bytes instead of encoding strings. */
public final class HttpConstants {

    /** The request id header, read from requests and sent on every response. */
    public static final AsciiString X_REQUEST_ID = AsciiString.cached("x-request-id");
    /** RFC 9457 media type. */
    public static final AsciiString APPLICATION_PROBLEM_JSON = AsciiString.cached("application/problem+json");
    /** JSON bodies, always UTF-8 (RFC 8259). */
    public static final AsciiString APPLICATION_JSON = AsciiString.cached("application/json");
    /** How long an overloaded or draining gateway asks a client to wait, in seconds. */
    static final AsciiString RETRY_AFTER_SECONDS = AsciiString.cached("1");

    private HttpConstants() {
    }
}

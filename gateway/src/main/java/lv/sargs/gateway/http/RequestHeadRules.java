package lv.sargs.gateway.http;

import lv.sargs.gateway.text.ClientValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.util.Iterator;
import java.util.Map;

/**
 * The rules every request head must meet before any route sees it (RFC 9112 §3, §3.2, §5.2, §6.3,
 * RFC 9110 §8.6), checked without allocating beyond one header iterator: the request target is
 * printable ASCII with well-formed percent-escapes, the version is HTTP/1.0 or HTTP/1.1, an
 * HTTP/1.1 request has exactly one plausible {@code Host}, {@code Content-Length} is one plain
 * decimal number, and single-valued headers appear at most once. A broken rule is a {@link Broken}
 * naming it, for a 400 problem.
 */
final class RequestHeadRules {

    /** Headers the gateway reads as one value; a second line of any of them is refused. */
    private static final String[] SINGLE_VALUED = {"Host", "Content-Length", "Content-Type", "Sargs-Purpose",
        "Idempotency-Key", "X-Request-Id", "Authorization", "Expect", "If-Match", "If-None-Match"};
    /** Content-Length beyond 18 digits cannot be a long, nor a body anyone sends. */
    private static final int MAX_LENGTH_DIGITS = 18;

    /** Which part of the request broke a rule: the label on {@code sargs_http_malformed_total}. */
    enum Part {
        FRAMING("framing"), PATH("path"), HEADER("header");

        final String label;

        Part(String label) {
            this.label = label;
        }
    }

    /** A broken rule: which part, and the detail for the client (the gateway's words, values shortened). */
    record Broken(Part part, String detail) {
    }

    private RequestHeadRules() {
    }

    /** The first rule {@code head} breaks, or null; {@code http2} requests are exempt from the HTTP/1.1 framing rules. */
    static Broken check(HttpRequest head, boolean http2) {
        Broken target = checkTarget(head.uri());
        if (target != null) {
            return target;
        }
        HttpVersion version = head.protocolVersion();
        if (!http2 && version != HttpVersion.HTTP_1_1 && version != HttpVersion.HTTP_1_0) {
            return new Broken(Part.FRAMING, "The HTTP version " + ClientValues.forAnswer(version.text())
                    + " is not supported (expected: HTTP/1.1 or HTTP/1.0).");
        }
        return checkHeaders(head.headers(), !http2 && version == HttpVersion.HTTP_1_1);
    }

    /** Origin-form (or {@code *}): visible ASCII only, every {@code %} followed by two hex digits. */
    static Broken checkTarget(String uri) {
        int n = uri.length();
        if (n == 0 || (uri.charAt(0) != '/' && !uri.equals("*"))) {
            return new Broken(Part.PATH, "The request target " + ClientValues.forAnswer(uri)
                    + " is not an absolute path (expected: origin-form such as /v1/companies/40003032949).");
        }
        for (int i = 0; i < n; i++) {
            char c = uri.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                return new Broken(Part.PATH, "The request target contains a character outside visible ASCII at index "
                        + i + " (expected: percent-encoded).");
            }
            if (c == '%') {
                if (i + 2 >= n || !isHex(uri.charAt(i + 1)) || !isHex(uri.charAt(i + 2))) {
                    return new Broken(Part.PATH, "The request target " + ClientValues.forAnswer(uri)
                            + " has a bad percent-escape at index " + i + " (expected: % and two hex digits).");
                }
                i += 2;
            }
        }
        return null;
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static Broken checkHeaders(HttpHeaders headers, boolean hostRequired) {
        int seen = 0;
        String host = null;
        String contentLength = null;
        Iterator<Map.Entry<CharSequence, CharSequence>> it = headers.iteratorCharSequence();
        while (it.hasNext()) {
            Map.Entry<CharSequence, CharSequence> h = it.next();
            int index = singleValued(h.getKey());
            if (index < 0) {
                continue;
            }
            int bit = 1 << index;
            if ((seen & bit) != 0) {
                return new Broken(index == 1 ? Part.FRAMING : Part.HEADER, "The header " + SINGLE_VALUED[index]
                        + " appears more than once (expected: one line with one value).");
            }
            seen |= bit;
            if (index == 0) {
                host = h.getValue().toString();
            } else if (index == 1) {
                contentLength = h.getValue().toString();
            }
        }
        if (contentLength != null && !isLength(contentLength)) {
            return new Broken(Part.FRAMING, "The Content-Length " + ClientValues.forAnswer(contentLength)
                    + " is not valid (expected: one decimal number of at most " + MAX_LENGTH_DIGITS + " digits).");
        }
        if (host == null) {
            return hostRequired ? new Broken(Part.HEADER, "The request has no Host header (expected: exactly one,"
                    + " as HTTP/1.1 requires).") : null;
        }
        return isHost(host) ? null : new Broken(Part.HEADER, "The Host " + ClientValues.forAnswer(host)
                + " is not valid (expected: one host name or address, optionally with :port).");
    }

    private static int singleValued(CharSequence name) {
        for (int i = 0; i < SINGLE_VALUED.length; i++) {
            String s = SINGLE_VALUED[i];
            if (name.length() == s.length() && io.netty.util.AsciiString.contentEqualsIgnoreCase(name, s)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isLength(String value) {
        int n = value.length();
        if (n == 0 || n > MAX_LENGTH_DIGITS) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** uri-host [":" port]: reg-name, IPv4 or [IPv6] characters only; no list, no user info, no path. */
    private static boolean isHost(String value) {
        int n = value.length();
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '-' || c == ':' || c == '[' || c == ']' || c == '_' || c == '~' || c == '%';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}

package lv.sargs.gateway.upstream;

import lv.sargs.gateway.upstream.core.Deadline;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

/**
 * Where an upstream call's {@code Authorization} header value comes from — a cached access token
 * or a fixed credential from the config — and where a refused value is reported so the next call
 * gets a fresh one. Values are credentials: never log them.
 */
public interface Authorization {

    /** The header value to send, obtained within {@code deadline}. */
    CompletableFuture<String> value(Deadline deadline);

    /** The upstream refused {@code value} (HTTP 401); a source that can renew it drops it. */
    void refused(String value);

    /**
     * The value of an HTTP Basic {@code Authorization} header (RFC 7617, UTF-8) for {@code user} and
     * {@code password}; wipes {@code password} and every copy made on the way (the header String excepted).
     */
    static String basic(String user, char[] password) {
        java.nio.CharBuffer chars = java.nio.CharBuffer.allocate(user.length() + 1 + password.length);
        chars.put(user).put(':').put(password).flip();
        Arrays.fill(password, '\0');
        java.nio.ByteBuffer bytes = java.nio.charset.StandardCharsets.UTF_8.encode(chars);
        byte[] raw = new byte[bytes.remaining()];
        bytes.get(raw);
        try {
            return "Basic " + java.util.Base64.getEncoder().encodeToString(raw);
        } finally {
            Arrays.fill(chars.array(), '\0');
            Arrays.fill(raw, (byte) 0);
            if (bytes.hasArray()) {
                Arrays.fill(bytes.array(), (byte) 0);
            }
        }
    }

    /** A fixed value, e.g. {@code Bearer …} issued out of band; the array is copied, wipe yours. */
    static Authorization fixed(char[] headerValue) {
        char[] copy = Arrays.copyOf(headerValue, headerValue.length);
        return new Authorization() {
            @Override
            public CompletableFuture<String> value(Deadline deadline) {
                // Netty needs a CharSequence header value; the String lives only as long as the request.
                return CompletableFuture.completedFuture(new String(copy));
            }

            @Override
            public void refused(String value) {
                // Nothing to renew: the operator must replace the credential.
            }

            @Override
            public String toString() {
                return "Authorization.fixed((hidden))";
            }
        };
    }
}

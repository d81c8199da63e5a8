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

package lv.sargs.gateway.lookup;

import java.util.concurrent.CompletionException;
import lv.sargs.gateway.upstream.core.UpstreamException;

/**
 * A register that did not answer within the lookup's deadline, whichever clock noticed first
 * (the upstream client's or the lookup's budget timer): answered as a timeout, never as a failure.
 */
public final class RegisterTimeoutException extends RuntimeException {

    public RegisterTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }

    /** {@code error} as a timeout when the upstream gave up at its deadline; otherwise unchanged. */
    static CompletionException translate(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof UpstreamException u && u.code() == UpstreamException.Code.DEADLINE_EXCEEDED) {
            return new CompletionException(new RegisterTimeoutException(u.getMessage(), u));
        }
        return error instanceof CompletionException c ? c : new CompletionException(cause);
    }
}

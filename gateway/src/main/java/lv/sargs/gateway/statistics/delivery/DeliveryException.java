package lv.sargs.gateway.statistics.delivery;

import lv.sargs.gateway.http.ProblemType;
import lv.sargs.gateway.problem.CodedException;
import lv.sargs.gateway.problem.ProblemCode;
import lv.sargs.gateway.problem.ProblemReason;

/**
 * A delivery or reply collection that did not happen, with a stable {@link Code}; the report stays
 * as it was and the next cycle tries again.
 */
public final class DeliveryException extends CodedException {

    /** Stable reasons an SFTP exchange fails. */
    public enum Code implements ProblemReason {
        /** The server's host key is not the configured one; nothing was sent. */
        HOST_KEY_MISMATCH,
        /** The server refused the login key. */
        AUTHENTICATION_FAILED,
        /** The server could not be reached or the session broke. */
        CONNECTION_FAILED,
        /** An SFTP request failed (upload, rename, listing, reading a reply). */
        TRANSFER_FAILED,
        /** The login key is not on the token or is of a type SSH login cannot use. */
        KEY_UNUSABLE;

        /** Never a client's problem: if it ever reaches one untranslated, the gateway failed unexpectedly. */
        @Override
        public ProblemCode problem() {
            return ProblemType.INTERNAL_ERROR;
        }
    }

    public DeliveryException(Code code, String message, Throwable cause) {
        super(code, message, cause);
    }

    /** The stable reason. */
    @Override
    public Code code() {
        return (Code) super.code();
    }
}

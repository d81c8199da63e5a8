package lv.sargs.gateway.treasury.ekase;

import lv.sargs.gateway.http.ProblemType;
import lv.sargs.gateway.problem.CodedException;
import lv.sargs.gateway.problem.ProblemCode;
import lv.sargs.gateway.problem.ProblemReason;

/**
 * An eKase exchange that did not produce a usable answer, with a stable {@link Code}; the message
 * names the operation and the cause, never the user's password.
 */
public final class EkaseException extends CodedException {

    /** Stable reasons an exchange fails. */
    public enum Code implements ProblemReason {
        /** Refused before sending: the eKase user is in view mode and this is a payment. */
        VIEW_MODE(false),
        /** eKase refused our certificate, source address or credentials. */
        UNAUTHORIZED(false),
        /** eKase refused the request itself (4xx other than not found). */
        REFUSED(false),
        /** eKase does not know the account or message asked about. */
        NOT_FOUND(false),
        /** eKase could not be reached, timed out or answered 5xx: try again later. */
        UNAVAILABLE(true),
        /** eKase's answer failed the XML limits, the schema or the expected shape. */
        MALFORMED_ANSWER(true);

        private final boolean transientFailure;

        Code(boolean transientFailure) {
            this.transientFailure = transientFailure;
        }

        /** Whether the same exchange may succeed later unchanged. */
        public boolean transientFailure() {
            return transientFailure;
        }

        /** Never a client's problem: if it ever reaches one untranslated, the gateway failed unexpectedly. */
        @Override
        public ProblemCode problem() {
            return ProblemType.INTERNAL_ERROR;
        }
    }

    public EkaseException(Code code, String message) {
        super(code, message, null);
    }

    public EkaseException(Code code, String message, Throwable cause) {
        super(code, message, cause);
    }

    /** The stable reason. */
    @Override
    public Code code() {
        return (Code) super.code();
    }
}

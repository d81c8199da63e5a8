package lv.sargs.gateway.treasury.ekase;

/**
 * An eKase exchange that did not produce a usable answer, with a stable {@link Code}; the message
 * names the operation and the cause, never the user's password.
 */
public final class EkaseException extends Exception {

    /** Stable reasons an exchange fails. */
    public enum Code {
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
    }

    private final Code code;

    public EkaseException(Code code, String message) {
        super(message);
        this.code = code;
    }

    public EkaseException(Code code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** The stable reason. */
    public Code code() {
        return code;
    }
}

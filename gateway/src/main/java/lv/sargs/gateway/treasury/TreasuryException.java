package lv.sargs.gateway.treasury;

/**
 * A Treasury request the gateway did not carry out, with a stable {@link Code} that fixes the
 * problem type and HTTP status; the message names the field, the value and what was expected.
 */
public final class TreasuryException extends RuntimeException {

    /** Stable reasons; {@link #problemCode()} is the last segment of the problem type URI. */
    public enum Code {
        /** Not well-formed, hostile (DOCTYPE, entities, limits) or schema-invalid XML or JSON. */
        INVALID_DOCUMENT("treasury-invalid-document", 400),
        /** Valid against the schema but breaking a Treasury rule (IBAN, EUR, sums, codes, BIC). */
        INVALID_PAYMENT("treasury-invalid-payment", 422),
        /** The {@code Idempotency-Key} header is missing or malformed. */
        IDEMPOTENCY_KEY_REQUIRED("idempotency-key-required", 400),
        /** The key was used before with a different request. */
        IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", 422),
        /** The document's MsgId belongs to another payment already. */
        MSG_ID_IN_USE("treasury-msgid-in-use", 409),
        /** The client has no Treasury role, or only view mode where manage is needed. */
        MODE_FORBIDDEN("treasury-mode-forbidden", 403),
        /** The gateway's eKase user is in view mode: no payment can go out. */
        UPSTREAM_VIEW_ONLY("treasury-upstream-view-only", 403),
        /** No such payment for this client, or no such account. */
        NOT_FOUND("treasury-not-found", 404),
        /** The body's media type is neither pain.001 XML nor JSON. */
        UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", 415),
        /** eKase could not be reached or answered unusably. */
        UPSTREAM_FAILED("treasury-upstream-failed", 502),
        /** The service's request queue is full; try again shortly. */
        OVERLOADED("overloaded", 503),
        /** The payment store could not persist the payment; nothing was acknowledged. */
        STORE_FAILED("treasury-store-failed", 503);

        private final String problemCode;
        private final int httpStatus;

        Code(String problemCode, int httpStatus) {
            this.problemCode = problemCode;
            this.httpStatus = httpStatus;
        }

        /** The stable problem code, e.g. {@code treasury-invalid-payment}. */
        public String problemCode() {
            return problemCode;
        }

        /** The HTTP status the client is answered with. */
        public int httpStatus() {
            return httpStatus;
        }
    }

    private final Code code;

    public TreasuryException(Code code, String message) {
        super(message);
        this.code = code;
    }

    public TreasuryException(Code code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** The stable reason. */
    public Code code() {
        return code;
    }

    /** The problem type code. */
    public String problemCode() {
        return code.problemCode();
    }

    /** The HTTP status. */
    public int httpStatus() {
        return code.httpStatus();
    }
}

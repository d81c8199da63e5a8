package lv.sargs.gateway.treasury;

import lv.sargs.gateway.http.ProblemType;
import lv.sargs.gateway.problem.CodedException;
import lv.sargs.gateway.problem.ProblemCode;

/**
 * A Treasury request the gateway did not carry out, with a stable {@link Code}: the Treasury's
 * problem type and HTTP status; the message names the field, the value and what was expected.
 */
public final class TreasuryException extends CodedException {

    /** The Treasury's problems; the four shared with every route are the HTTP layer's {@link ProblemType}s. */
    public enum Code implements ProblemCode.Declared {
        /** Not well-formed, hostile (DOCTYPE, entities, limits) or schema-invalid XML or JSON. */
        INVALID_DOCUMENT("treasury-invalid-document", 400, "The Treasury document is not acceptable XML or JSON"),
        /** Valid against the schema but breaking a Treasury rule (IBAN, EUR, sums, codes, BIC). */
        INVALID_PAYMENT("treasury-invalid-payment", 422, "The payment breaks a Treasury rule"),
        /** The {@code Idempotency-Key} header is missing or malformed. */
        IDEMPOTENCY_KEY_REQUIRED(ProblemType.IDEMPOTENCY_KEY_REQUIRED),
        /** The key was used before with a different request. */
        IDEMPOTENCY_KEY_REUSED(ProblemType.IDEMPOTENCY_KEY_REUSED),
        /** The document's MsgId belongs to another payment already. */
        MSG_ID_IN_USE("treasury-msgid-in-use", 409, "The pain.001 MsgId belongs to another payment"),
        /** The client has no Treasury role, or only view mode where manage is needed. */
        MODE_FORBIDDEN("treasury-mode-forbidden", 403, "The client's Treasury mode does not allow this"),
        /** The gateway's eKase user is in view mode: no payment can go out. */
        UPSTREAM_VIEW_ONLY("treasury-upstream-view-only", 403, "The gateway's eKase user may only view"),
        /** No such payment for this client, or no such account. */
        NOT_FOUND("treasury-not-found", 404, "No such payment or account"),
        /** The body's media type is neither pain.001 XML nor JSON. */
        UNSUPPORTED_MEDIA_TYPE(ProblemType.UNSUPPORTED_MEDIA_TYPE),
        /** eKase could not be reached or answered unusably. */
        UPSTREAM_FAILED("treasury-upstream-failed", 502, "eKase could not be reached or answered unusably"),
        /** The service's request queue is full; try again shortly. */
        OVERLOADED(ProblemType.OVERLOADED),
        /** The payment store could not persist the payment; nothing was acknowledged. */
        STORE_FAILED("treasury-store-failed", 503, "The payment could not be stored");

        private final ProblemType shared;
        private final Parts parts;

        Code(String code, int httpStatus, String title) {
            this.shared = null;
            this.parts = new Parts(code, httpStatus, title);
        }

        Code(ProblemType shared) {
            this.shared = shared;
            this.parts = new Parts(shared.code(), shared.httpStatus(), shared.title());
        }

        @Override
        public Parts parts() {
            return parts;
        }

        @Override
        public ProblemCode problem() {
            return shared == null ? this : shared;
        }
    }

    public TreasuryException(Code code, String message) {
        super(code, message, null);
    }

    public TreasuryException(Code code, String message, Throwable cause) {
        super(code, message, cause);
    }

    /** The stable reason. */
    @Override
    public Code code() {
        return (Code) super.code();
    }

}

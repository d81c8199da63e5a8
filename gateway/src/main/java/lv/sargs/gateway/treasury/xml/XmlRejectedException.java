package lv.sargs.gateway.treasury.xml;

import lv.sargs.gateway.http.ProblemType;
import lv.sargs.gateway.problem.CodedException;
import lv.sargs.gateway.problem.ProblemCode;
import lv.sargs.gateway.problem.ProblemReason;

/**
 * An XML document refused before it was used, with a stable {@link Code}; the message names the
 * message type, the limit or rule broken and where, never echoing an entity's expansion.
 */
public final class XmlRejectedException extends CodedException {

    /** Stable reasons a document is refused. */
    public enum Code implements ProblemReason {
        /** More bytes than {@link XmlLimits#maxBytes()}; refused before parsing. */
        TOO_LARGE,
        /** A DOCTYPE (and with it any entity declaration) is present; refused before it is read. */
        DOCTYPE_FORBIDDEN,
        /** Elements nested deeper than {@link XmlLimits#maxDepth()}. */
        TOO_DEEP,
        /** More elements than {@link XmlLimits#maxElements()}. */
        TOO_MANY_ELEMENTS,
        /** An element with more attributes than {@link XmlLimits#maxAttributes()}. */
        TOO_MANY_ATTRIBUTES,
        /** Not well-formed XML (including references to undeclared entities). */
        MALFORMED,
        /** The root element is not the expected message's {@code Document}. */
        WRONG_MESSAGE,
        /** Well-formed, but not valid against the message's schema. */
        SCHEMA_INVALID;

        /** Never a client's problem: if it ever reaches one untranslated, the gateway failed unexpectedly. */
        @Override
        public ProblemCode problem() {
            return ProblemType.INTERNAL_ERROR;
        }
    }

    public XmlRejectedException(Code code, String message) {
        super(code, message, null);
    }

    public XmlRejectedException(Code code, String message, Throwable cause) {
        super(code, message, cause);
    }

    /** The stable reason. */
    @Override
    public Code code() {
        return (Code) super.code();
    }
}

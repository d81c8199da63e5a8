package lv.sargs.gateway.treasury.xml;

/**
 * An XML document refused before it was used, with a stable {@link Code}; the message names the
 * message type, the limit or rule broken and where, never echoing an entity's expansion.
 */
public final class XmlRejectedException extends Exception {

    /** Stable reasons a document is refused. */
    public enum Code {
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
        SCHEMA_INVALID
    }

    private final Code code;

    public XmlRejectedException(Code code, String message) {
        super(message);
        this.code = code;
    }

    public XmlRejectedException(Code code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** The stable reason. */
    public Code code() {
        return code;
    }
}

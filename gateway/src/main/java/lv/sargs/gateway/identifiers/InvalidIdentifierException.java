package lv.sargs.gateway.identifiers;

/**
 * An identifier that does not pass its format or checksum rule; the message names the kind, the
 * value and what was expected, and {@link #kind()} is a stable code for callers to branch on.
 */
public final class InvalidIdentifierException extends IllegalArgumentException {

    /** The identifier families this package validates. */
    public enum Kind { PERSONAL_CODE, REGISTRATION_NUMBER, IBAN }

    private final Kind kind;

    InvalidIdentifierException(Kind kind, String value, String expected) {
        // The value is whatever a client sent: escaped and shortened, it can neither forge a log line nor flood one.
        super(kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ": "
                + lv.sargs.gateway.text.ClientValues.forText(String.valueOf(value)) + " (expected: " + expected + ")");
        this.kind = kind;
    }

    /** Which identifier family failed. */
    public Kind kind() {
        return kind;
    }
}

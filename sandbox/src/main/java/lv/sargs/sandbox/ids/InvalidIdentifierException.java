package lv.sargs.sandbox.ids;

/**
 * An identifier that does not pass its format or checksum rule; the message names the kind, the
 * value and what was expected, and {@link #kind()} is a stable code for callers to branch on.
 */
public final class InvalidIdentifierException extends IllegalArgumentException {

    /** The identifier families this package validates. */
    public enum Kind { PERSONAL_CODE, REGISTRATION_NUMBER, IBAN }

    private final Kind kind;

    InvalidIdentifierException(Kind kind, String value, String expected) {
        super(kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ": " + value
                + " (expected: " + expected + ")");
        this.kind = kind;
    }

    /** Which identifier family failed. */
    public Kind kind() {
        return kind;
    }
}

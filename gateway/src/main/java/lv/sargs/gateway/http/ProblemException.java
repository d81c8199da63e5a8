package lv.sargs.gateway.http;

/**
 * A failure with an answer for the client: its problem type and a detail written for the
 * client (never an internal name or another exception's message). Routes throw it or complete
 * their future with it.
 */
public final class ProblemException extends RuntimeException {

    private final ProblemType type;
    private final String detail;

    public ProblemException(ProblemType type, String detail) {
        this(type, detail, null);
    }

    /** @param cause logged by the gateway, never shown to the client */
    public ProblemException(ProblemType type, String detail, Throwable cause) {
        super(type.code() + ": " + detail, cause);
        this.type = type;
        this.detail = detail;
    }

    /** The problem type, a stable code. */
    public ProblemType type() {
        return type;
    }

    /** The client-facing detail. */
    public String detail() {
        return detail;
    }
}

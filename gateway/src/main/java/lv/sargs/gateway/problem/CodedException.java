package lv.sargs.gateway.problem;

/**
 * The base of every gateway exception that carries a stable code: a {@link ProblemCode} (what a
 * client is answered with, if the failure reaches one) and a message naming the thing, the value and
 * what was expected. Subclasses narrow {@link #code()} to their domain's enum. Unchecked, like
 * X-Road's coded exceptions: the code, not the Java type, is what callers branch on.
 */
public abstract class CodedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient ProblemCode code;

    protected CodedException(ProblemCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = java.util.Objects.requireNonNull(code, "code");
    }

    /** The stable code. */
    public ProblemCode code() {
        return code;
    }

    /** The problem a client is answered with: the code itself or, for a reason, the problem it stands for. */
    public ProblemCode problem() {
        return code.problem();
    }
}

package lv.sargs.gateway.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import lv.sargs.gateway.problem.CodedException;
import lv.sargs.gateway.problem.ProblemCode;

/**
 * A failure with an answer for the client: its problem type, a detail written for the client
 * (never an internal name or another exception's message) and, where the type defines them,
 * extension members (RFC 9457 §3.2). Routes throw it or complete their future with it.
 */
public final class ProblemException extends CodedException {

    private static final Set<String> STANDARD_MEMBERS = Set.of("type", "title", "status", "detail", "instance",
            "requestId");

    private final String detail;
    private final transient Map<String, Object> members;
    private final long retryAfterSeconds;

    public ProblemException(ProblemCode type, String detail) {
        this(type, detail, (Throwable) null);
    }

    /** @param cause logged by the gateway, never shown to the client */
    public ProblemException(ProblemCode type, String detail, Throwable cause) {
        this(type, detail, Map.of(), cause);
    }

    /**
     * A problem whose body carries {@code members} after the standard ones, each serialised as
     * JSON, e.g. {@code problems: [{line: 12, text: "…"}]}.
     *
     * @throws IllegalArgumentException when a member would replace a standard member
     */
    public ProblemException(ProblemCode type, String detail, Map<String, ?> members) {
        this(type, detail, members, null);
    }

    /**
     * A problem with extension members whose {@code Retry-After} is {@code retryAfterSeconds} rather
     * than the listener's one second, e.g. a budget that renews at midnight.
     */
    public ProblemException(ProblemCode type, String detail, Map<String, ?> members, long retryAfterSeconds) {
        this(type, detail, members, null, retryAfterSeconds);
    }

    private ProblemException(ProblemCode type, String detail, Map<String, ?> members, Throwable cause) {
        this(type, detail, members, cause, -1);
    }

    private ProblemException(ProblemCode type, String detail, Map<String, ?> members, Throwable cause,
                             long retryAfterSeconds) {
        super(type.problem(), type.code() + ": " + detail, cause);
        this.retryAfterSeconds = retryAfterSeconds;
        for (String name : members.keySet()) {
            if (STANDARD_MEMBERS.contains(name)) {
                throw new IllegalArgumentException("problem member: " + name + " (expected: an extension member,"
                        + " not one of " + STANDARD_MEMBERS + ")");
            }
        }
        this.detail = detail;
        this.members = members.isEmpty() ? Map.of() : new LinkedHashMap<>(members);
    }

    /** The extension members, in order; empty for most problems. */
    public Map<String, Object> members() {
        return members;
    }

    /** The problem type, a stable code (a reason given to the constructor is kept as the problem it stands for). */
    public ProblemCode type() {
        return code();
    }

    /** The {@code Retry-After} this problem asks for, seconds; negative for the listener's default. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** The client-facing detail. */
    public String detail() {
        return detail;
    }
}

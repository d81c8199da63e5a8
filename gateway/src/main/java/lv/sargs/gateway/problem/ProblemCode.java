package lv.sargs.gateway.problem;

/**
 * A kind of error the gateway answers a client with (RFC 9457): a stable code, the {@code type} URI
 * {@code https://sargs.lv/problems/<code>}, the HTTP status and a fixed title. Each domain declares its
 * own codes as an enum implementing this interface (http: {@code ProblemType}; lookups, treasury,
 * statistics: in their packages); every code is listed in {@code docs/problem-types.md} and
 * {@code docs/openapi.yaml}. Codes are never renamed or reused.
 */
public interface ProblemCode {

    /** The base every type URI starts with. */
    String BASE_URI = "https://sargs.lv/problems/";

    /** The stable code, the last segment of the type URI, e.g. {@code treasury-invalid-payment}. */
    String code();

    /** The HTTP status this problem is answered with. */
    int httpStatus();

    /** The short, fixed, human-readable summary. */
    String title();

    /** The type URI. */
    default String uri() {
        return BASE_URI + code();
    }

    /** The code a client is answered with: this one, or for a {@link ProblemReason} the problem it stands for. */
    default ProblemCode problem() {
        return this;
    }

    /**
     * The fixed parts of one declared problem, for a domain enum to hold and forward to (an enum
     * cannot inherit fields); the enum constant, not this record, is the problem's identity.
     */
    record Parts(String code, int httpStatus, String title) {
    }

    /** A domain enum of declared problems: each constant holds its {@link Parts}. */
    interface Declared extends ProblemCode {

        /** This problem's code, status and title. */
        Parts parts();

        @Override
        default String code() {
            return parts().code();
        }

        @Override
        default int httpStatus() {
            return parts().httpStatus();
        }

        @Override
        default String title() {
            return parts().title();
        }
    }
}

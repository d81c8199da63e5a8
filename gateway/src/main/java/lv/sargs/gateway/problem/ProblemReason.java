package lv.sargs.gateway.problem;

/**
 * A finer reason inside one domain (for logs, retries, exit codes) that a client is answered with as
 * one of the declared {@link ProblemCode}s; several reasons may share a problem. Because it forwards
 * code, status and title, a reason can never introduce an undocumented problem type.
 */
public interface ProblemReason extends ProblemCode {

    /** The declared problem this reason is answered as; never itself a reason. */
    @Override
    ProblemCode problem();

    @Override
    default String code() {
        return problem().code();
    }

    @Override
    default int httpStatus() {
        return problem().httpStatus();
    }

    @Override
    default String title() {
        return problem().title();
    }
}

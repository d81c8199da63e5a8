package lv.sargs.gateway.listener;

import lv.sargs.gateway.http.ProblemType;
import lv.sargs.gateway.problem.CodedException;
import lv.sargs.gateway.problem.ProblemCode;
import lv.sargs.gateway.problem.ProblemReason;

/** A listener cannot start as configured; the message names the setting, its value and what was expected. */
public final class ListenerException extends CodedException {

    /** Stable codes, for logs, exit codes and the status model. */
    public enum Code implements ProblemReason {
        TLS_SETUP, BIND_FAILED, ALREADY_STARTED;

        /** Never a client's problem: if it ever reaches one untranslated, the gateway failed unexpectedly. */
        @Override
        public ProblemCode problem() {
            return ProblemType.INTERNAL_ERROR;
        }
    }

    public ListenerException(Code code, String message, Throwable cause) {
        super(code, message, cause);
    }

    @Override
    public Code code() {
        return (Code) super.code();
    }
}

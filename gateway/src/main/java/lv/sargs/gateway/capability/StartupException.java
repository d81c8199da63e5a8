package lv.sargs.gateway.capability;

import lv.sargs.gateway.Main;
import lv.sargs.gateway.http.ProblemType;
import lv.sargs.gateway.problem.CodedException;
import lv.sargs.gateway.problem.ProblemCode;
import lv.sargs.gateway.problem.ProblemReason;

/**
 * The gateway could not start; the message names the setting or the thing (token, address,
 * directory) and what was expected. Whatever had started is stopped again before it is thrown.
 */
public final class StartupException extends CodedException {

    private static final long serialVersionUID = 1L;

    /** Stable reasons, each with the process exit code {@link Main} uses. */
    public enum Code implements ProblemReason {
        /** The config asks for something the daemon refuses (the in-memory demo token). */
        CONFIG(2),
        /** The token could not be opened or logged in to, or lacks a configured key. */
        TOKEN(3),
        /** The data directory could not be opened or is in use by another gateway. */
        STORES(4),
        /** A listener could not be bound or its TLS set up. */
        LISTENER(5);

        private final int exitCode;

        Code(int exitCode) {
            this.exitCode = exitCode;
        }

        /** The process exit code for this reason. */
        public int exitCode() {
            return exitCode;
        }

        /** Never a client's problem: if it ever reaches one untranslated, the gateway failed unexpectedly. */
        @Override
        public ProblemCode problem() {
            return ProblemType.INTERNAL_ERROR;
        }
    }

    public StartupException(Code code, String message, Throwable cause) {
        super(code, message, cause);
    }

    @Override
    public Code code() {
        return (Code) super.code();
    }
}

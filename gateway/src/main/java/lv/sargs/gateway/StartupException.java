package lv.sargs.gateway;

/**
 * The gateway could not start; the message names the setting or the thing (token, address,
 * directory) and what was expected. Whatever had started is stopped again before it is thrown.
 */
public final class StartupException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Stable reasons, each with the process exit code {@link Main} uses. */
    public enum Code {
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
    }

    private final Code code;

    public StartupException(Code code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public Code code() {
        return code;
    }
}

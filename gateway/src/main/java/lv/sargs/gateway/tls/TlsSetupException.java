package lv.sargs.gateway.tls;

/** The listener's TLS cannot be set up as configured; the message names the setting, its value and what was expected. */
public final class TlsSetupException extends Exception {

    /** Stable codes, for logs and the status model. */
    public enum Code { CERTIFICATES_UNREADABLE, PROTOCOLS_INVALID, CONTEXT_FAILED }

    private final Code code;

    public TlsSetupException(Code code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** Which kind of problem this is. */
    public Code code() {
        return code;
    }
}

package lv.sargs.gateway.listener;

/** A listener cannot start as configured; the message names the setting, its value and what was expected. */
public final class ListenerException extends Exception {

    /** Stable codes, for logs, exit codes and the status model. */
    public enum Code { TLS_SETUP, BIND_FAILED, ALREADY_STARTED }

    private final Code code;

    public ListenerException(Code code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public Code code() {
        return code;
    }
}

package lv.sargs.hsm;

/**
 * A token operation that did not happen, with a stable {@link Code} for callers and a message that
 * names the token and the key but never a PIN or key material.
 */
public final class TokenException extends RuntimeException {

    /** Stable reasons a token operation fails. */
    public enum Code {
        /** The token is logged out, removed or failing; the probe will recover it. */
        UNAVAILABLE,
        /** The token's executor queue is full. */
        QUEUE_FULL,
        /** The operation did not finish within the token's deadline. */
        DEADLINE_EXCEEDED,
        /** No key (or certificate) under that label. */
        KEY_NOT_FOUND,
        /** A key with that label already exists. */
        KEY_EXISTS,
        /** A certificate does not belong to the key it was imported for. */
        CERTIFICATE_MISMATCH,
        /** The PIN was refused at login. */
        LOGIN_FAILED,
        /** The token configuration (library, label, serial, PIN source) is unusable. */
        CONFIGURATION,
        /** The algorithm does not fit the key. */
        UNSUPPORTED,
        /** The token was closed. */
        CLOSED,
        /** The token reported an error during the operation. */
        OPERATION_FAILED
    }

    private final Code code;

    public TokenException(Code code, String message) {
        super(message);
        this.code = code;
    }

    public TokenException(Code code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** The stable reason. */
    public Code code() {
        return code;
    }
}

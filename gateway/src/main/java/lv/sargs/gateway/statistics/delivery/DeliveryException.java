package lv.sargs.gateway.statistics.delivery;

/**
 * A delivery or reply collection that did not happen, with a stable {@link Code}; the report stays
 * as it was and the next cycle tries again.
 */
public final class DeliveryException extends Exception {

    /** Stable reasons an SFTP exchange fails. */
    public enum Code {
        /** The server's host key is not the configured one; nothing was sent. */
        HOST_KEY_MISMATCH,
        /** The server refused the login key. */
        AUTHENTICATION_FAILED,
        /** The server could not be reached or the session broke. */
        CONNECTION_FAILED,
        /** An SFTP request failed (upload, rename, listing, reading a reply). */
        TRANSFER_FAILED,
        /** The login key is not on the token or is of a type SSH login cannot use. */
        KEY_UNUSABLE
    }

    private final Code code;

    public DeliveryException(Code code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** The stable reason. */
    public Code code() {
        return code;
    }
}

package lv.sargs.gateway.cache;

/** The cache store could not be opened or written; the message names the file and the remedy. */
public final class CacheException extends RuntimeException {

    public CacheException(String message) {
        super(message);
    }

    public CacheException(String message, Throwable cause) {
        super(message, cause);
    }
}

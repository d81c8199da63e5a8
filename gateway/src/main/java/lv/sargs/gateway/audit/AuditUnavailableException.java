package lv.sargs.gateway.audit;

/**
 * The trail could not take or make durable a record (queue full past the push-back wait, write or
 * sync failed, trail failed its check at start, or closed): the request it records must fail with
 * a 503 rather than go unrecorded.
 */
public final class AuditUnavailableException extends RuntimeException {

    public AuditUnavailableException(String message) {
        super(message);
    }

    public AuditUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

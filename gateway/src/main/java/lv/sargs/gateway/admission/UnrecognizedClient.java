package lv.sargs.gateway.admission;

/**
 * A connection whose client is refused after the handshake.
 *
 * @param reason why
 * @param detail for the client's admin: what was presented and what would admit it; never config
 *     internals beyond the client's own name
 * @param logNote what only the gateway's log adds (e.g. the declared sources), or empty
 */
public record UnrecognizedClient(Reason reason, String detail, String logNote) implements ClientVerdict {

    /** Why a client was refused; each maps to one problem type. */
    public enum Reason {
        /** The certificate chains to the client CA but matches no declared client. */
        NOT_DECLARED,
        /** A declared client connected from outside its declared sources. */
        OUTSIDE_SOURCES
    }
}

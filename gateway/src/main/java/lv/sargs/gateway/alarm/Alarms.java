package lv.sargs.gateway.alarm;

/**
 * The one way a part of the gateway raises and clears an alarm; the audit trail, the risk
 * indicators and the detectors all use it. Raising is idempotent: raising an open id again only
 * updates its texts, unless the severity changed, which makes it a new alarm to acknowledge.
 * Both calls are cheap and never block, so they may run on an event loop.
 */
public interface Alarms {

    /**
     * Raises (or keeps raised) alarm {@code id}.
     *
     * @param meaning what is wrong, naming the thing and the value; never a secret
     * @param action what the operator should do next
     */
    void raise(String id, Severity severity, String meaning, String action);

    /** Clears alarm {@code id} because its cause is gone; nothing happens when it is not open. */
    void clear(String id);

    /** An alarm sink that keeps nothing, for code run outside a gateway. */
    Alarms NONE = new Alarms() {
        @Override
        public void raise(String id, Severity severity, String meaning, String action) {
        }

        @Override
        public void clear(String id) {
        }
    };
}

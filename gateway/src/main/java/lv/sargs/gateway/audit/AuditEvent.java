package lv.sargs.gateway.audit;

/**
 * The kinds of event the audit trail records, each with its stable name in the trail and whether
 * it changes state the bank is answerable for (those records are synced before the client's answer).
 */
public enum AuditEvent {
    LOOKUP("lookup", false),
    WATCH_CHANGE("watch-change", false),
    PURGE("purge", false),
    PAYMENT_ACCEPTED("payment-accepted", true),
    PAYMENT_SUBMITTED("payment-submitted", true),
    PAYMENT_STATUS("payment-status", true),
    REPORT_SUBMITTED("report-submitted", true),
    REPORT_DELIVERED("report-delivered", true),
    REPORT_REPLIED("report-replied", true),
    CONFIG_LOADED("config-loaded", true),
    KEY_USED("key-used", false),
    CLIENT_REFUSED("client-refused", false),
    OPERATOR_ACTION("operator-action", true),
    ADMIN_ACTION("admin-action", true),
    /** A subject's identifier changed; {@code successor} holds the new one's pseudonym. */
    SUBJECT_SUCCESSOR("subject-successor", true),
    TRAIL_STARTED("trail-started", true),
    TRAIL_STOPPED("trail-stopped", true),
    CHECKPOINT("checkpoint", true);

    private final String wireName;
    private final boolean stateChanging;

    AuditEvent(String wireName, boolean stateChanging) {
        this.wireName = wireName;
        this.stateChanging = stateChanging;
    }

    /** The name written in the trail's {@code event} member; never renamed. */
    public String wireName() {
        return wireName;
    }

    /** Whether records of this event are synced before the client is answered. */
    public boolean stateChanging() {
        return stateChanging;
    }
}

package lv.sargs.gateway.alarm;

/** How urgent an alarm is: a warning can wait for the day shift, a critical one cannot. */
public enum Severity {
    /** Something will break unless someone acts, e.g. a certificate expiring within 30 days. */
    WARNING,
    /** Something is broken or breaks within days; act now. */
    CRITICAL
}

package lv.sargs.gateway.lookup;

/** Where each lookup is recorded for the bank's risk and compliance staff: who asked what, why, and the outcome. */
@FunctionalInterface
public interface LookupAudit {

    /** Records one answered lookup. */
    void record(String requestId, String client, String route, String subject, String purpose, int status);
}

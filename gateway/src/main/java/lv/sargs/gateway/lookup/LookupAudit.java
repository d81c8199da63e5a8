package lv.sargs.gateway.lookup;

/** Where each lookup is recorded for the bank's risk and compliance staff: who asked what, why, and the outcome. */
@FunctionalInterface
public interface LookupAudit {

    /**
     * Records one answered lookup of subject {@code id} of {@code kind} ({@code person}, {@code company});
     * false when the trail could not take the record, in which case the answer must not be given.
     */
    boolean record(String requestId, String client, String route, String kind, String id, String purpose, int status);

    /** Records a declared client's lookup refused because it stated a purpose it does not hold. */
    default void purposeRefused(String requestId, String client, String route, String purpose) {
    }
}

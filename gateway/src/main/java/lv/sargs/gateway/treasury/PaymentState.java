package lv.sargs.gateway.treasury;

/**
 * Where a payment is on its way to the Treasury; every transition is persisted (and synced)
 * before the next step is taken.
 */
public enum PaymentState {
    /** Stored durably, acknowledged to the client, not yet sent. */
    STORED(false),
    /** About to be (or being) sent: after a crash, reconcile with eKase before sending again. */
    SUBMITTING(false),
    /** eKase has it (pain.002 RCVD, ACTC or PDNG). */
    SUBMITTED(false),
    /** eKase accepted it for execution (ACCP, ACSP, ACWC). */
    ACCEPTED(false),
    /** Executed and booked on the account (ACSC). */
    BOOKED(true),
    /** Refused, by eKase (RJCT with an ISO reason code) or before sending. */
    REJECTED(true);

    private final boolean terminal;

    PaymentState(boolean terminal) {
        this.terminal = terminal;
    }

    /** Whether nothing more will happen to the payment. */
    public boolean terminal() {
        return terminal;
    }

    /** The state a pain.002 status code puts a sent payment in. */
    public static PaymentState ofIsoStatus(String code) {
        return switch (code) {
            case "ACSC" -> BOOKED;
            case "ACCP", "ACSP", "ACWC" -> ACCEPTED;
            case "RJCT" -> REJECTED;
            default -> SUBMITTED;
        };
    }
}

package lv.sargs.gateway.treasury;

/**
 * Told of every payment state the store has durably persisted (a new payment, then each status
 * change), on the thread that persisted it; for metrics and the audit trail, so it must not block.
 */
@FunctionalInterface
public interface PaymentListener {

    /** Hears nothing. */
    PaymentListener NONE = payment -> { };

    /** {@code payment} as now stored; its {@link Payment#last()} is the change just persisted. */
    void persisted(Payment payment);
}

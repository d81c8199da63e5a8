package lv.sargs.gateway.treasury;

/**
 * Observes the submitter at the steps where a crash matters for exactly-once delivery; the
 * gateway passes {@link #NONE}, crash tests pause the process there and kill it.
 */
@FunctionalInterface
public interface PaymentSteps {

    /** The steps observed, in the order a payment passes them. */
    enum Step {
        /** Stored and acknowledged; the submitter picked it up and has not marked it SUBMITTING yet. */
        STORED,
        /** SUBMITTING is persisted; the pain.001 is about to be sent. */
        SENDING,
        /** eKase answered the pain.001; its status is not persisted yet. */
        SENT
    }

    /** Observes nothing. */
    PaymentSteps NONE = (step, payment) -> { };

    /** Called on the submitter's thread when {@code payment} reaches {@code step}. */
    void reached(Step step, Payment payment);
}

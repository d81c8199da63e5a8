package lv.sargs.gateway.treasury;

/**
 * The answer to a payment submission: the stored payment, and whether this request created it
 * or repeated an earlier request under the same idempotency key (answered the same way).
 *
 * @param payment the payment as stored
 * @param replayed true when the idempotency key had been used before with the same request
 */
public record Submission(Payment payment, boolean replayed) {

    /** The status URL to answer with in {@code Location}. */
    public String statusPath() {
        return "/v1/treasury/payments/" + payment.id();
    }
}

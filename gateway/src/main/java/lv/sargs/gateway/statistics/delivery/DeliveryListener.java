package lv.sargs.gateway.statistics.delivery;

/**
 * Told, on the courier's thread, how each delivery round that had work to do ended; must return
 * quickly (it only records the outcome, e.g. in the status model).
 */
public interface DeliveryListener {

    /** Listens to nothing. */
    DeliveryListener NONE = new DeliveryListener() {
        @Override
        public void succeeded(int reportsDelivered) {
        }

        @Override
        public void failed(String reason) {
        }
    };

    /** The exchange was reached, every pending report delivered and the replies (if due) collected. */
    void succeeded(int reportsDelivered);

    /**
     * Latvijas Banka's reply {@code replyFile} to report {@code reportId} was read and recorded:
     * {@code accepted} or rejected. Nothing by default.
     */
    default void replied(String reportId, String replyFile, boolean accepted) {
    }

    /** The round failed; {@code reason} is the last failure's message (names the server, file or key). */
    void failed(String reason);
}

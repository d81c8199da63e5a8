package lv.sargs.sandbox.ekase;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A pain.001 the simulator accepted for processing, with its fate fixed on receipt by the
 * deterministic rules of {@link SimPayments}.
 *
 * @param rejectReason the ISO reason code it will be rejected with, or null when it will be booked
 */
record ReceivedPayment(String msgId, String user, List<Batch> batches, Instant receivedAt, String rejectReason,
                       String rejectText) {

    /** One PmtInf. */
    record Batch(String pmtInfId, String debtorIban, String debtorName, List<Transfer> transfers) {
        BigDecimal sum() {
            return transfers.stream().map(Transfer::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        }
    }

    /** One CdtTrfTxInf. */
    record Transfer(String endToEndId, BigDecimal amount, String creditorName, String creditorIban,
                    String remittance) {
    }

    int transferCount() {
        return batches.stream().mapToInt(b -> b.transfers().size()).sum();
    }
}

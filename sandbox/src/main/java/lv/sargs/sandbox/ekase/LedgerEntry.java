package lv.sargs.sandbox.ekase;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;

/**
 * One booked entry on a simulated account; {@code seq} orders every entry of the ledger and is
 * the camt.054 notification cursor ({@code NtryRef}).
 *
 * @param credit true for CRDT, false for DBIT
 * @param bookingTime the Treasury's local time (Europe/Riga) of the booking on {@code bookingDate}
 * @param msgId the pain.001 MsgId behind it, or null for synthetic history
 * @param endToEndId the EndToEndId behind it, or null
 * @param counterpartyName the other party's name
 * @param counterpartyIban the other party's IBAN
 * @param remittance unstructured remittance information, or null
 */
public record LedgerEntry(long seq, String iban, BigDecimal amount, boolean credit, LocalDate bookingDate,
                          LocalTime bookingTime,
                          String msgId, String pmtInfId, String endToEndId, String counterpartyName,
                          String counterpartyIban, String remittance) {

    /** The entry's signed effect on the balance. */
    public BigDecimal signedAmount() {
        return credit ? amount : amount.negate();
    }
}

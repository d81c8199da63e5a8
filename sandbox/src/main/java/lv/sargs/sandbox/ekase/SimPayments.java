package lv.sargs.sandbox.ekase;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The simulator's payment book. Fate is fixed on receipt by deterministic rules a test can
 * choose: a debtor account not in the ledger is rejected AC01, a creditor IBAN in the closed set
 * AC04, a batch above the debtor's booked balance less what is already promised AM04; anything
 * else is booked. Statuses move on with the clock: RCVD, then ACCP (or RJCT) after
 * {@code acceptAfter}, then ACSC after {@code bookAfter}, when the transfers are booked in the
 * ledger. A repeated MsgId is recognised and never processed twice.
 */
final class SimPayments {

    /** The status of a payment at a moment. */
    record Status(String code, String reason, String text) {
    }

    private final Ledger ledger;
    private final Clock clock;
    private final ZoneId zone;
    private final Duration acceptAfter;
    private final Duration bookAfter;
    private final Set<String> closedAccounts;
    private final Map<String, ReceivedPayment> byMsgId = new LinkedHashMap<>();
    private final Map<String, Boolean> booked = new HashMap<>();
    private final Map<String, Integer> arrivals = new HashMap<>();

    SimPayments(Ledger ledger, Clock clock, ZoneId zone, Duration acceptAfter, Duration bookAfter,
                Set<String> closedAccounts) {
        this.ledger = ledger;
        this.clock = clock;
        this.zone = zone;
        this.acceptAfter = acceptAfter;
        this.bookAfter = bookAfter;
        this.closedAccounts = Set.copyOf(closedAccounts);
    }

    /** Counts one arrival of every EndToEndId in a schema-valid pain.001, duplicate or not. */
    synchronized void countArrival(Iterable<String> endToEndIds) {
        for (String id : endToEndIds) {
            arrivals.merge(id, 1, Integer::sum);
        }
    }

    synchronized int arrivals(String endToEndId) {
        return arrivals.getOrDefault(endToEndId, 0);
    }

    synchronized int distinctPayments() {
        return byMsgId.size();
    }

    synchronized Optional<ReceivedPayment> get(String msgId) {
        return Optional.ofNullable(byMsgId.get(msgId));
    }

    /** A payment as kept, and whether its MsgId had been received before. */
    record Receipt(ReceivedPayment payment, boolean duplicate) {
    }

    /** Takes a new payment (fate fixed now), or recognises its MsgId and keeps the earlier one. */
    synchronized Receipt receive(ReceivedPayment incoming) {
        ReceivedPayment earlier = byMsgId.get(incoming.msgId());
        if (earlier != null) {
            return new Receipt(earlier, true);
        }
        settle();
        ReceivedPayment fated = withFate(incoming);
        byMsgId.put(fated.msgId(), fated);
        return new Receipt(fated, false);
    }

    private ReceivedPayment withFate(ReceivedPayment p) {
        String reason = null;
        String text = null;
        Map<String, BigDecimal> wanted = new HashMap<>();
        for (ReceivedPayment.Batch b : p.batches()) {
            if (ledger.account(b.debtorIban()).isEmpty()) {
                reason = "AC01";
                text = "Incorrect account number " + b.debtorIban();
            }
            for (ReceivedPayment.Transfer t : b.transfers()) {
                if (reason == null && closedAccounts.contains(t.creditorIban())) {
                    reason = "AC04";
                    text = "Closed account number " + t.creditorIban();
                }
            }
            wanted.merge(b.debtorIban(), b.sum(), BigDecimal::add);
        }
        if (reason == null) {
            for (Map.Entry<String, BigDecimal> w : wanted.entrySet()) {
                if (w.getValue().compareTo(ledger.balance(w.getKey()).subtract(promised(w.getKey()))) > 0) {
                    reason = "AM04";
                    text = "Insufficient funds on " + w.getKey();
                }
            }
        }
        return new ReceivedPayment(p.msgId(), p.user(), p.batches(), p.receivedAt(), reason, text);
    }

    private BigDecimal promised(String iban) {
        BigDecimal sum = BigDecimal.ZERO;
        for (ReceivedPayment p : byMsgId.values()) {
            if (p.rejectReason() == null && !booked.containsKey(p.msgId())) {
                for (ReceivedPayment.Batch b : p.batches()) {
                    if (b.debtorIban().equals(iban)) {
                        sum = sum.add(b.sum());
                    }
                }
            }
        }
        return sum;
    }

    /** The status of {@code p} now (booking it first if its time has come). */
    synchronized Status status(ReceivedPayment p) {
        settle();
        Instant now = clock.instant();
        if (now.isBefore(p.receivedAt().plus(acceptAfter))) {
            return new Status("RCVD", null, null);
        }
        if (p.rejectReason() != null) {
            return new Status("RJCT", p.rejectReason(), p.rejectText());
        }
        return booked.containsKey(p.msgId()) ? new Status("ACSC", null, null) : new Status("ACCP", null, null);
    }

    /** Books every accepted payment whose booking time has come. */
    synchronized void settle() {
        Instant now = clock.instant();
        for (ReceivedPayment p : byMsgId.values()) {
            Instant bookAt = p.receivedAt().plus(bookAfter);
            if (p.rejectReason() == null && !booked.containsKey(p.msgId()) && !now.isBefore(bookAt)) {
                LocalDate day = LocalDate.ofInstant(bookAt, zone);
                LocalTime time = LocalTime.ofInstant(bookAt, zone);
                for (ReceivedPayment.Batch b : p.batches()) {
                    for (ReceivedPayment.Transfer t : b.transfers()) {
                        ledger.book(b.debtorIban(), t.amount(), false, day, time, p.msgId(), b.pmtInfId(), t.endToEndId(),
                                t.creditorName(), t.creditorIban(), t.remittance());
                        if (ledger.account(t.creditorIban()).isPresent()) {
                            ledger.book(t.creditorIban(), t.amount(), true, day, time, p.msgId(), b.pmtInfId(),
                                    t.endToEndId(), b.debtorName(), b.debtorIban(), t.remittance());
                        }
                    }
                }
                booked.put(p.msgId(), Boolean.TRUE);
            }
        }
    }
}

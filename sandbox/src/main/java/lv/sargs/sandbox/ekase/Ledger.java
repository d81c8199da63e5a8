package lv.sargs.sandbox.ekase;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The simulator's one synthetic ledger: accounts, their opening balances and every booked entry,
 * from which camt.052, camt.053 and camt.054 are all derived, so a booked payment shows up in
 * each of them consistently. Two days of deterministic history precede {@code today}.
 * Thread-safe (synchronised; the simulator is small).
 */
final class Ledger {

    private final Map<String, SimAccount> accounts = new LinkedHashMap<>();
    private final List<LedgerEntry> entries = new ArrayList<>();
    private final LocalDate firstDay;

    Ledger(List<SimAccount> accounts, LocalDate today) {
        for (SimAccount a : accounts) {
            this.accounts.put(a.iban(), a);
        }
        this.firstDay = today.minusDays(2);
        for (LocalDate day = firstDay; day.isBefore(today); day = day.plusDays(1)) {
            for (SimAccount a : accounts) {
                book(a.iban(), new BigDecimal("5000.00"), true, day, LocalTime.MIDNIGHT, null, null, null, "Valsts kase",
                        "LV50TREL2200000000004", "Budzeta asignejums");
                book(a.iban(), new BigDecimal("123.45"), false, day, LocalTime.MIDNIGHT, null, null, null, "AS Sadales tikls",
                        "LV58UNLA0050000000001", "Elektroenergija");
            }
        }
    }

    synchronized Optional<SimAccount> account(String iban) {
        return Optional.ofNullable(accounts.get(iban));
    }

    synchronized List<SimAccount> accounts() {
        return List.copyOf(accounts.values());
    }

    synchronized LedgerEntry book(String iban, BigDecimal amount, boolean credit, LocalDate day, LocalTime time,
                                  String msgId,
                                  String pmtInfId, String endToEndId, String counterpartyName, String counterpartyIban,
                                  String remittance) {
        LedgerEntry entry = new LedgerEntry(entries.size() + 1L, iban, amount, credit, day, time, msgId, pmtInfId,
                endToEndId, counterpartyName, counterpartyIban, remittance);
        entries.add(entry);
        return entry;
    }

    /** The booked balance of {@code iban} at the start of {@code day}. */
    synchronized BigDecimal balanceAtStartOf(String iban, LocalDate day) {
        BigDecimal balance = accounts.get(iban).openingBalance();
        for (LedgerEntry e : entries) {
            if (e.iban().equals(iban) && e.bookingDate().isBefore(day)) {
                balance = balance.add(e.signedAmount());
            }
        }
        return balance;
    }

    /** The booked balance of {@code iban} now. */
    synchronized BigDecimal balance(String iban) {
        BigDecimal balance = accounts.get(iban).openingBalance();
        for (LedgerEntry e : entries) {
            if (e.iban().equals(iban)) {
                balance = balance.add(e.signedAmount());
            }
        }
        return balance;
    }

    /** The entries of {@code iban} booked on {@code day}. */
    synchronized List<LedgerEntry> entriesOn(String iban, LocalDate day) {
        return entries.stream().filter(e -> e.iban().equals(iban) && e.bookingDate().equals(day)).toList();
    }

    /** The entries of {@code iban} booked on {@code day} between {@code from} and {@code to}, both included. */
    synchronized List<LedgerEntry> entriesOn(String iban, LocalDate day, LocalTime from, LocalTime to) {
        return entries.stream().filter(e -> e.iban().equals(iban) && e.bookingDate().equals(day)
                && !e.bookingTime().isBefore(from) && !e.bookingTime().isAfter(to)).toList();
    }

    /** At most {@code limit} entries after {@code cursor}, oldest first. */
    synchronized List<LedgerEntry> after(long cursor, int limit) {
        return entries.stream().filter(e -> e.seq() > cursor).limit(limit).toList();
    }

    /** Every entry booked for {@code endToEndId}. */
    synchronized List<LedgerEntry> entriesFor(String endToEndId) {
        return entries.stream().filter(e -> endToEndId.equals(e.endToEndId())).toList();
    }

    LocalDate firstDay() {
        return firstDay;
    }
}

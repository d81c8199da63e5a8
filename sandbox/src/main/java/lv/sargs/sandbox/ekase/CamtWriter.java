package lv.sargs.sandbox.ekase;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Writes camt.052 (today so far), camt.053 (a closed day) and camt.054 (entries after a cursor) from the ledger. */
final class CamtWriter {

    private static final AtomicLong SEQ = new AtomicLong();
    private static final java.time.format.DateTimeFormatter DAY = java.time.format.DateTimeFormatter.BASIC_ISO_DATE;

    private CamtWriter() {
    }

    /**
     * Today's unclosed-day report: opening booked and interim booked balances (of the whole day so
     * far) and today's entries booked between {@code from} and {@code to} (camt.060's FrToTm).
     */
    static byte[] report(Ledger ledger, SimAccount account, LocalDate today, LocalTime from, LocalTime to,
                         Instant now) {
        XmlOut x = new XmlOut(SimMessage.CAMT_052, "BkToCstmrAcctRpt");
        header(x, now);
        x.open("Rpt").leaf("Id", "RPT-" + account.iban() + "-" + today.format(DAY)).leaf("CreDtTm", XmlOut.dateTime(now));
        account(x, account);
        BigDecimal opening = ledger.balanceAtStartOf(account.iban(), today);
        balance(x, "OPBD", opening, today);
        balance(x, "ITBD", opening.add(sum(ledger.entriesOn(account.iban(), today))), today);
        ledger.entriesOn(account.iban(), today, from, to).forEach(e -> entry(x, e));
        x.close();
        return x.finish();
    }

    /** The statement of a closed day: opening and closing booked balances and the day's entries. */
    static byte[] statement(Ledger ledger, SimAccount account, LocalDate day, Instant now) {
        XmlOut x = new XmlOut(SimMessage.CAMT_053, "BkToCstmrStmt");
        header(x, now);
        x.open("Stmt").leaf("Id", "STM-" + account.iban() + "-" + day.format(DAY)).leaf("CreDtTm", XmlOut.dateTime(now));
        account(x, account);
        BigDecimal opening = ledger.balanceAtStartOf(account.iban(), day);
        List<LedgerEntry> entries = ledger.entriesOn(account.iban(), day);
        balance(x, "OPBD", opening, day);
        balance(x, "CLBD", opening.add(sum(entries)), day);
        entries.forEach(e -> entry(x, e));
        x.close();
        return x.finish();
    }

    /** One notification per account holding entries after the cursor; NtryRef carries each entry's sequence. */
    static byte[] notifications(Ledger ledger, List<LedgerEntry> entries, Instant now) {
        XmlOut x = new XmlOut(SimMessage.CAMT_054, "BkToCstmrDbtCdtNtfctn");
        header(x, now);
        Map<String, List<LedgerEntry>> byAccount = new LinkedHashMap<>();
        for (LedgerEntry e : entries) {
            byAccount.computeIfAbsent(e.iban(), k -> new java.util.ArrayList<>()).add(e);
        }
        if (byAccount.isEmpty() && !ledger.accounts().isEmpty()) {
            byAccount.put(ledger.accounts().get(0).iban(), List.of());
        }
        for (Map.Entry<String, List<LedgerEntry>> a : byAccount.entrySet()) {
            x.open("Ntfctn").leaf("Id", "NTF-" + SEQ.incrementAndGet()).leaf("CreDtTm", XmlOut.dateTime(now));
            account(x, ledger.account(a.getKey()).orElseThrow());
            a.getValue().forEach(e -> entry(x, e));
            x.close();
        }
        return x.finish();
    }

    private static void header(XmlOut x, Instant now) {
        x.open("GrpHdr").leaf("MsgId", "EKASE-CAMT-" + SEQ.incrementAndGet()).leaf("CreDtTm", XmlOut.dateTime(now)).close();
    }

    private static void account(XmlOut x, SimAccount account) {
        x.open("Acct").path(account.iban(), "Id", "IBAN").leaf("Ccy", "EUR").leaf("Nm", account.name())
                .path("TRELLV22", "Svcr", "FinInstnId", "BIC").close();
    }

    private static void balance(XmlOut x, String type, BigDecimal amount, LocalDate day) {
        x.open("Bal").path(type, "Tp", "CdOrPrtry", "Cd").amount("Amt", amount.abs())
                .leaf("CdtDbtInd", amount.signum() < 0 ? "DBIT" : "CRDT").path(day.toString(), "Dt", "Dt").close();
    }

    private static void entry(XmlOut x, LedgerEntry e) {
        x.open("Ntry").leaf("NtryRef", Long.toString(e.seq())).amount("Amt", e.amount())
                .leaf("CdtDbtInd", e.credit() ? "CRDT" : "DBIT").leaf("Sts", "BOOK")
                .path(e.bookingDate().toString(), "BookgDt", "Dt").path(e.bookingDate().toString(), "ValDt", "Dt")
                .leaf("AcctSvcrRef", "TREL-" + e.seq());
        x.open("BkTxCd").open("Domn").leaf("Cd", "PMNT").open("Fmly").leaf("Cd", e.credit() ? "RCDT" : "ICDT")
                .leaf("SubFmlyCd", e.credit() ? "DMCT" : "DMCT").close().close().close();
        x.open("NtryDtls").open("TxDtls");
        if (e.msgId() != null) {
            x.open("Refs").leaf("MsgId", e.msgId()).leaf("PmtInfId", e.pmtInfId()).leaf("EndToEndId", e.endToEndId())
                    .close();
        }
        x.open("RltdPties");
        if (e.credit()) {
            x.path(e.counterpartyName(), "Dbtr", "Nm").path(e.counterpartyIban(), "DbtrAcct", "Id", "IBAN");
        } else {
            x.path(e.counterpartyName(), "Cdtr", "Nm").path(e.counterpartyIban(), "CdtrAcct", "Id", "IBAN");
        }
        x.close();
        if (e.remittance() != null) {
            x.open("RmtInf").leaf("Ustrd", e.remittance()).close();
        }
        x.close().close().close();
    }

    private static BigDecimal sum(List<LedgerEntry> entries) {
        return entries.stream().map(LedgerEntry::signedAmount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}

package lv.sargs.gateway.treasury;

import lv.sargs.gateway.identifiers.Iban;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import lv.sargs.gateway.treasury.xml.Elements;
import org.w3c.dom.Element;

/**
 * The Treasury's rules on a schema-valid pain.001 beyond what the schema says: transfers (TRF)
 * only, EUR with at most two decimals, counts and sums matching, valid IBANs, the debtor account
 * at the Treasury (bank code TREL, agent BIC TRELLV22), budget classification codes well formed,
 * a named ultimate debtor for third-party payments, unique identifiers, no date in the past.
 * Every problem is listed, each naming the element, the value and what was expected.
 */
final class TreasuryRules {

    static final String TREASURY_BIC = "TRELLV22";
    static final String TREASURY_BANK_CODE = "TREL";
    /** Economic classification code (EKK): four digits. Its carrier (RgltryRptg/Dtls Tp=EKK) is unconfirmed. */
    static final Pattern EKK = Pattern.compile("[0-9]{4}");
    /** AMK code: three digits. Its meaning and carrier (RgltryRptg/Dtls Tp=AMK) are unconfirmed. */
    static final Pattern AMK = Pattern.compile("[0-9]{3}");

    private TreasuryRules() {
    }

    static List<String> problems(PaymentInstruction p, LocalDate today) {
        List<String> problems = new ArrayList<>();
        int txCount = 0;
        BigDecimal total = BigDecimal.ZERO;
        Set<String> pmtInfIds = new HashSet<>();
        Set<String> endToEndIds = new HashSet<>();
        for (int b = 0; b < p.batches().size(); b++) {
            PaymentInstruction.Batch batch = p.batches().get(b);
            String at = "PmtInf[" + b + "]";
            if (!pmtInfIds.add(batch.pmtInfId())) {
                problems.add(at + ".PmtInfId: " + batch.pmtInfId() + " (expected: unique in the document)");
            }
            if (!"TRF".equals(batch.method())) {
                problems.add(at + ".PmtMtd: " + batch.method() + " (expected: TRF)");
            }
            if (batch.executionDate().isBefore(today)) {
                problems.add(at + ".ReqdExctnDt: " + batch.executionDate() + " (expected: " + today + " or later)");
            }
            checkDebtorAccount(at, batch, problems);
            checkUltimateDebtor(at + ".UltmtDbtr", batch.ultimateDebtor(), problems);
            BigDecimal batchSum = BigDecimal.ZERO;
            for (int t = 0; t < batch.transfers().size(); t++) {
                PaymentInstruction.Transfer tx = batch.transfers().get(t);
                String txAt = at + ".CdtTrfTxInf[" + t + "]";
                if (!endToEndIds.add(tx.endToEndId())) {
                    problems.add(txAt + ".EndToEndId: " + tx.endToEndId() + " (expected: unique in the document)");
                }
                checkTransfer(txAt, tx, problems);
                batchSum = batchSum.add(tx.amount());
            }
            checkCount(at + ".NbOfTxs", batch.nbOfTxs(), batch.transfers().size(), false, problems);
            checkSum(at + ".CtrlSum", batch.ctrlSum(), batchSum, false, problems);
            txCount += batch.transfers().size();
            total = total.add(batchSum);
        }
        checkCount("GrpHdr.NbOfTxs", p.nbOfTxs(), txCount, true, problems);
        checkSum("GrpHdr.CtrlSum", p.ctrlSum(), total, true, problems);
        return problems;
    }

    private static void checkDebtorAccount(String at, PaymentInstruction.Batch batch, List<String> problems) {
        String iban = batch.debtorIban();
        if (iban == null) {
            problems.add(at + ".DbtrAcct.Id: not an IBAN (expected: the Treasury account's IBAN)");
        } else {
            Optional<String> problem = Iban.problem(iban);
            if (problem.isPresent()) {
                problems.add(at + ".DbtrAcct.Id.IBAN: " + problem.get());
            } else if (!iban.startsWith("LV") || !TREASURY_BANK_CODE.equals(Iban.bankCode(iban))) {
                problems.add(at + ".DbtrAcct.Id.IBAN: " + iban + " (expected: a Treasury account, LVkk" + TREASURY_BANK_CODE
                        + "...)");
            }
        }
        if (!isTreasuryBic(batch.debtorAgentBic())) {
            problems.add(at + ".DbtrAgt.FinInstnId.BIC: " + batch.debtorAgentBic() + " (expected: " + TREASURY_BIC + ")");
        }
    }

    private static void checkTransfer(String at, PaymentInstruction.Transfer tx, List<String> problems) {
        if (!"EUR".equals(tx.currency())) {
            problems.add(at + ".Amt.InstdAmt@Ccy: " + tx.currency() + " (expected: EUR)");
        }
        if (tx.amount().signum() <= 0 || tx.amount().stripTrailingZeros().scale() > 2) {
            problems.add(at + ".Amt.InstdAmt: " + tx.amount().toPlainString()
                    + " (expected: more than 0 with at most 2 decimals)");
        }
        if (tx.creditorName() == null) {
            problems.add(at + ".Cdtr.Nm: missing (expected: the creditor's name)");
        }
        if (tx.creditorIban() == null) {
            problems.add(at + ".CdtrAcct.Id.IBAN: missing (expected: the creditor's IBAN)");
        } else {
            Iban.problem(tx.creditorIban()).ifPresent(p -> problems.add(at + ".CdtrAcct.Id.IBAN: " + p));
            if (tx.creditorIban().startsWith("LV") && Iban.isValid(tx.creditorIban())
                    && TREASURY_BANK_CODE.equals(Iban.bankCode(tx.creditorIban()))
                    && tx.creditorAgentBic() != null && !isTreasuryBic(tx.creditorAgentBic())) {
                problems.add(at + ".CdtrAgt.FinInstnId.BIC: " + tx.creditorAgentBic() + " (expected: " + TREASURY_BIC
                        + " for a Treasury account)");
            }
        }
        checkUltimateDebtor(at + ".UltmtDbtr", tx.ultimateDebtor(), problems);
        for (String[] code : tx.regulatoryCodes()) {
            Pattern pattern = switch (code[0]) {
                case "EKK" -> EKK;
                case "AMK" -> AMK;
                default -> null;
            };
            if (pattern != null && !pattern.matcher(code[1]).matches()) {
                problems.add(at + ".RgltryRptg.Dtls[Tp=" + code[0] + "].Cd: " + code[1] + " (expected: "
                        + (pattern == EKK ? "4 digits" : "3 digits") + ")");
            }
        }
    }

    private static void checkUltimateDebtor(String at, Element ultimateDebtor, List<String> problems) {
        if (ultimateDebtor != null && Elements.text(ultimateDebtor, "Nm").isEmpty()) {
            problems.add(at + ".Nm: missing (expected: the name of the party the payment is made for)");
        }
    }

    private static void checkCount(String at, String declared, int actual, boolean required, List<String> problems) {
        if (declared == null) {
            if (required) {
                problems.add(at + ": missing (expected: " + actual + ")");
            }
        } else if (!declared.equals(Integer.toString(actual))) {
            problems.add(at + ": " + declared + " (expected: " + actual + ", the number of transfers)");
        }
    }

    private static void checkSum(String at, BigDecimal declared, BigDecimal actual, boolean required,
                                 List<String> problems) {
        if (declared == null) {
            if (required) {
                problems.add(at + ": missing (expected: " + actual.toPlainString() + ")");
            }
        } else if (declared.compareTo(actual) != 0) {
            problems.add(at + ": " + declared.toPlainString() + " (expected: " + actual.toPlainString()
                    + ", the sum of the amounts)");
        }
    }

    private static boolean isTreasuryBic(String bic) {
        return TREASURY_BIC.equals(bic) || (TREASURY_BIC + "XXX").equals(bic);
    }

    /** The most problems one answer lists: enough to fix a document, bounded however many transfers it has. */
    static final int MAX_LISTED = 8;

    /** {@code problems} for a problem detail: the first {@link #MAX_LISTED}, then how many more there are. */
    static String listed(List<String> problems) {
        if (problems.size() <= MAX_LISTED) {
            return String.join("; ", problems);
        }
        return String.join("; ", problems.subList(0, MAX_LISTED)) + "; and " + (problems.size() - MAX_LISTED)
                + " more problems of the same document";
    }
}

package lv.sargs.sandbox.ekase;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.w3c.dom.Element;

/**
 * The simulated eKase's own reading of a pain.001.001.03, checked from the message definition as
 * the Treasury would before importing it: the mandatory elements, identifier lengths (Max35Text),
 * transfers only, amounts (positive, at most 2 decimals, EUR), IBAN shapes, and that NbOfTxs and
 * CtrlSum add up. Independent of the gateway's schema and rules, so a gateway bug shows here.
 *
 * @param msgId the group header's MsgId
 * @param batches the payment informations, in document order
 * @param endToEndIds every EndToEndId, in document order
 */
record SimPain001(String msgId, List<ReceivedPayment.Batch> batches, List<String> endToEndIds) {

    private static final Pattern MAX35 = Pattern.compile(".{1,35}", Pattern.DOTALL);
    private static final Pattern AMOUNT = Pattern.compile("[0-9]{1,16}(\\.[0-9]{1,2})?");
    private static final Pattern IBAN = Pattern.compile("[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}");

    /** Reads {@code xml}; refused with every problem found, each naming its element. */
    static SimPain001 read(byte[] xml) throws SimXml.Refused {
        Element doc = SimXml.read(xml, SimMessage.PAIN_001);
        List<String> problems = new ArrayList<>();
        Element root = SimXml.child(doc, "CstmrCdtTrfInitn").orElse(null);
        if (root == null) {
            throw new SimXml.Refused("pain.001.001.03: Document/CstmrCdtTrfInitn missing");
        }
        String msgId = required(root, problems, MAX35, "GrpHdr/MsgId", "GrpHdr", "MsgId");
        required(root, problems, null, "GrpHdr/CreDtTm", "GrpHdr", "CreDtTm");
        String groupCount = required(root, problems, null, "GrpHdr/NbOfTxs", "GrpHdr", "NbOfTxs");
        Optional<String> groupSum = SimXml.text(root, "GrpHdr", "CtrlSum");
        List<ReceivedPayment.Batch> batches = new ArrayList<>();
        List<String> endToEndIds = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        List<Element> pmtInfs = SimXml.children(root, "PmtInf");
        if (pmtInfs.isEmpty()) {
            problems.add("PmtInf: missing (expected: at least one)");
        }
        for (int b = 0; b < pmtInfs.size(); b++) {
            Element pmtInf = pmtInfs.get(b);
            String at = "PmtInf[" + (b + 1) + "]";
            String pmtInfId = required(pmtInf, problems, MAX35, at + "/PmtInfId", "PmtInfId");
            String method = required(pmtInf, problems, null, at + "/PmtMtd", "PmtMtd");
            if (method != null && !method.equals("TRF")) {
                problems.add(at + "/PmtMtd: " + method + " (expected: TRF)");
            }
            String date = required(pmtInf, problems, null, at + "/ReqdExctnDt", "ReqdExctnDt");
            if (date != null) {
                try {
                    LocalDate.parse(date);
                } catch (java.time.format.DateTimeParseException e) {
                    problems.add(at + "/ReqdExctnDt: " + date + " (expected: YYYY-MM-DD)");
                }
            }
            String debtorIban = iban(pmtInf, problems, at, "DbtrAcct");
            List<ReceivedPayment.Transfer> transfers = new ArrayList<>();
            BigDecimal batchSum = BigDecimal.ZERO;
            List<Element> txs = SimXml.children(pmtInf, "CdtTrfTxInf");
            if (txs.isEmpty()) {
                problems.add(at + "/CdtTrfTxInf: missing (expected: at least one)");
            }
            for (int t = 0; t < txs.size(); t++) {
                Element tx = txs.get(t);
                String txAt = at + "/CdtTrfTxInf[" + (t + 1) + "]";
                String e2e = required(tx, problems, MAX35, txAt + "/PmtId/EndToEndId", "PmtId", "EndToEndId");
                BigDecimal amount = amount(tx, problems, txAt);
                String creditorIban = iban(tx, problems, txAt, "CdtrAcct");
                if (e2e != null && amount != null) {
                    endToEndIds.add(e2e);
                    batchSum = batchSum.add(amount);
                    transfers.add(new ReceivedPayment.Transfer(e2e, amount, SimXml.text(tx, "Cdtr", "Nm").orElse("?"),
                            creditorIban == null ? "?" : creditorIban, SimXml.text(tx, "RmtInf", "Ustrd").orElse(null)));
                }
            }
            adds(pmtInf, at, txs.size(), batchSum, problems);
            total = total.add(batchSum);
            batches.add(new ReceivedPayment.Batch(pmtInfId == null ? "?" : pmtInfId, debtorIban == null ? "?" : debtorIban,
                    SimXml.text(pmtInf, "Dbtr", "Nm").orElse("?"), transfers));
        }
        if (groupCount != null && !groupCount.equals(Integer.toString(endToEndIds.size()))) {
            problems.add("GrpHdr/NbOfTxs: " + groupCount + " (expected: " + endToEndIds.size() + ")");
        }
        if (groupSum.isPresent() && !sameSum(groupSum.get(), total)) {
            problems.add("GrpHdr/CtrlSum: " + groupSum.get() + " (expected: " + total.toPlainString() + ")");
        }
        if (!problems.isEmpty()) {
            throw new SimXml.Refused("pain.001.001.03: " + String.join("; ", problems));
        }
        return new SimPain001(msgId, batches, endToEndIds);
    }

    private static void adds(Element pmtInf, String at, int count, BigDecimal sum, List<String> problems) {
        SimXml.text(pmtInf, "NbOfTxs").filter(n -> !n.equals(Integer.toString(count)))
                .ifPresent(n -> problems.add(at + "/NbOfTxs: " + n + " (expected: " + count + ")"));
        SimXml.text(pmtInf, "CtrlSum").filter(s -> !sameSum(s, sum))
                .ifPresent(s -> problems.add(at + "/CtrlSum: " + s + " (expected: " + sum.toPlainString() + ")"));
    }

    private static boolean sameSum(String declared, BigDecimal actual) {
        try {
            return new BigDecimal(declared).compareTo(actual) == 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static BigDecimal amount(Element tx, List<String> problems, String at) {
        Optional<Element> instructed = SimXml.child(tx, "Amt").flatMap(a -> SimXml.child(a, "InstdAmt"));
        if (instructed.isEmpty()) {
            problems.add(at + "/Amt/InstdAmt: missing");
            return null;
        }
        String value = instructed.get().getTextContent().trim();
        String currency = instructed.get().getAttribute("Ccy");
        if (!AMOUNT.matcher(value).matches() || new BigDecimal(value).signum() <= 0) {
            problems.add(at + "/Amt/InstdAmt: " + value + " (expected: more than 0 with at most 2 decimals)");
            return null;
        }
        if (!"EUR".equals(currency)) {
            problems.add(at + "/Amt/InstdAmt/@Ccy: " + currency + " (expected: EUR)");
        }
        return new BigDecimal(value);
    }

    private static String iban(Element parent, List<String> problems, String at, String account) {
        Optional<String> iban = SimXml.text(parent, account, "Id", "IBAN");
        if (iban.isEmpty()) {
            problems.add(at + "/" + account + "/Id/IBAN: missing");
            return null;
        }
        if (!IBAN.matcher(iban.get()).matches()) {
            problems.add(at + "/" + account + "/Id/IBAN: " + iban.get() + " (expected: an IBAN)");
            return null;
        }
        return iban.get();
    }

    /** The text at {@code path} below {@code from}, shown as {@code name} in problems; null after a problem. */
    private static String required(Element from, List<String> problems, Pattern shape, String name, String... path) {
        Optional<String> value = SimXml.text(from, path);
        if (value.isEmpty() || value.get().isEmpty()) {
            problems.add(name + ": missing");
            return null;
        }
        if (shape != null && !shape.matcher(value.get()).matches()) {
            problems.add(name + ": " + value.get().length() + " characters (expected: 1-35)");
            return null;
        }
        return value.get();
    }
}

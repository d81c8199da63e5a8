package lv.sargs.gateway.treasury.ekase;

import static lv.sargs.gateway.treasury.xml.Elements.children;
import static lv.sargs.gateway.treasury.xml.Elements.text;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import lv.sargs.gateway.treasury.xml.Elements;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A schema-valid pain.002.001.03 from eKase about one pain.001, read whole: the group,
 * payment-information and transaction statuses with their reasons, and the status of the payment
 * as a whole taken from the most specific level that carries one.
 *
 * <p>The payment's status: every listed transaction has the status of its own {@code TxSts}, else
 * of its payment information's {@code PmtInfSts}, else the group's {@code GrpSts}; a payment
 * information without transactions counts with its own status (else the group's). When all of
 * those agree, that is the payment's status; when they differ, or a level above the listed ones
 * says {@code PART}, it is {@code PART}; with nothing listed, the group status. The reason is the
 * first found at the most specific level (transactions, then payment information, then group).
 *
 * @param originalMsgId the pain.001 MsgId it answers
 * @param status the payment's status as above
 * @param reasonCode the ISO status reason code ({@code AC01}, {@code AM04} …) or proprietary reason, or null
 * @param reasonText every {@code AddtlInf} of that reason joined in document order, or null
 * @param group the group level's own status (null when absent) and reasons
 * @param paymentInformations each {@code OrgnlPmtInfAndSts}, in document order
 * @param transactions every {@code TxInfAndSts} of every payment information, in document order
 * @param xml the pain.002 as received
 */
public record StatusReport(String originalMsgId, String status, String reasonCode, String reasonText, Level group,
                           List<PaymentInformationStatus> paymentInformations, List<TransactionStatus> transactions,
                           byte[] xml) {

    /** The ISO group status that says some transactions are accepted and others not (yet). */
    public static final String PARTIAL = "PART";

    /** One reason: a code ({@code Rsn/Cd}) or a proprietary reason ({@code Rsn/Prtry}), and its texts joined. */
    public record Reason(String code, String text) {
    }

    /** A level's own status (null when the level carries none) and its reasons in document order. */
    public record Level(String status, List<Reason> reasons) {
        public Level {
            reasons = List.copyOf(reasons);
        }
    }

    /** One payment information's status (its own, null when absent) and reasons. */
    public record PaymentInformationStatus(String pmtInfId, Level level) {
    }

    /** One transaction's status as reported (its own TxSts, null when absent), its reasons and its payment information. */
    public record TransactionStatus(String pmtInfId, String endToEndId, String status, List<Reason> reasons) {
        public TransactionStatus {
            reasons = List.copyOf(reasons);
        }

        /** The first reason's code, or null. */
        public String reasonCode() {
            return reasons.isEmpty() ? null : reasons.get(0).code();
        }
    }

    public StatusReport {
        paymentInformations = List.copyOf(paymentInformations);
        transactions = List.copyOf(transactions);
    }

    /** Reads a schema-valid pain.002 document. */
    public static StatusReport of(Document doc, byte[] xml) throws EkaseException {
        Element root = Elements.at(doc.getDocumentElement(), "CstmrPmtStsRpt").orElseThrow();
        Element groupElement = Elements.child(root, "OrgnlGrpInfAndSts").orElseThrow();
        Level group = level(groupElement, "GrpSts");
        List<PaymentInformationStatus> pmtInfs = new ArrayList<>();
        List<TransactionStatus> txs = new ArrayList<>();
        Set<String> leaves = new LinkedHashSet<>();
        boolean partialAbove = PARTIAL.equals(group.status());
        List<Reason> txReasons = new ArrayList<>();
        List<Reason> pmtInfReasons = new ArrayList<>();
        for (Element pmtInf : children(root, "OrgnlPmtInfAndSts")) {
            String pmtInfId = text(pmtInf, "OrgnlPmtInfId").orElse(null);
            Level own = level(pmtInf, "PmtInfSts");
            pmtInfs.add(new PaymentInformationStatus(pmtInfId, own));
            pmtInfReasons.addAll(own.reasons());
            String inherited = own.status() != null ? own.status() : group.status();
            List<Element> listed = children(pmtInf, "TxInfAndSts");
            if (listed.isEmpty()) {
                addIfPresent(leaves, inherited);
                continue;
            }
            partialAbove |= PARTIAL.equals(inherited);
            for (Element tx : listed) {
                Level t = level(tx, "TxSts");
                txs.add(new TransactionStatus(pmtInfId, text(tx, "OrgnlEndToEndId").orElse(null), t.status(), t.reasons()));
                txReasons.addAll(t.reasons());
                addIfPresent(leaves, t.status() != null ? t.status() : inherited);
            }
        }
        String status;
        if (leaves.isEmpty()) {
            status = group.status();
        } else {
            status = leaves.size() == 1 && !partialAbove ? leaves.iterator().next() : PARTIAL;
        }
        String msgId = Elements.required(groupElement, "OrgnlMsgId");
        if (status == null) {
            throw new EkaseException(EkaseException.Code.MALFORMED_ANSWER,
                    "pain.002 for MsgId " + msgId + ": no status (expected: GrpSts, PmtInfSts or TxSts)");
        }
        Reason reason = !txReasons.isEmpty() ? txReasons.get(0)
                : !pmtInfReasons.isEmpty() ? pmtInfReasons.get(0)
                : group.reasons().isEmpty() ? null : group.reasons().get(0);
        return new StatusReport(msgId, status, reason == null ? null : reason.code(), reason == null ? null : reason.text(),
                group, pmtInfs, txs, xml);
    }

    private static Level level(Element at, String statusElement) {
        List<Reason> reasons = new ArrayList<>();
        for (Element r : children(at, "StsRsnInf")) {
            String code = text(r, "Rsn", "Cd").or(() -> text(r, "Rsn", "Prtry")).orElse(null);
            String joined = children(r, "AddtlInf").stream().map(e -> e.getTextContent().trim())
                    .collect(Collectors.joining(" "));
            if (code != null || !joined.isEmpty()) {
                reasons.add(new Reason(code, joined.isEmpty() ? null : joined));
            }
        }
        return new Level(text(at, statusElement).orElse(null), reasons);
    }

    private static void addIfPresent(Set<String> statuses, String status) {
        if (status != null) {
            statuses.add(status);
        }
    }
}

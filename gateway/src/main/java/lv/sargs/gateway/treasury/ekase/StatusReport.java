package lv.sargs.gateway.treasury.ekase;

import static lv.sargs.gateway.treasury.xml.Elements.children;
import static lv.sargs.gateway.treasury.xml.Elements.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import lv.sargs.gateway.treasury.xml.Elements;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A schema-valid pain.002.001.03 from eKase about one pain.001: the status that applies to the
 * whole message, its ISO reason, the per-transaction statuses, and the document itself.
 *
 * @param originalMsgId the pain.001 MsgId it answers
 * @param status the group status, else the first payment-information or transaction status
 * @param reasonCode the first ISO status reason code found ({@code AC01}, {@code AM04} …), or null
 * @param reasonText the first additional information with it, or null
 * @param transactions per EndToEndId statuses, in document order
 * @param xml the pain.002 as received
 */
public record StatusReport(String originalMsgId, String status, String reasonCode, String reasonText,
                           List<TransactionStatus> transactions, byte[] xml) {

    /** One transaction's status. */
    public record TransactionStatus(String endToEndId, String status, String reasonCode) {
    }

    public StatusReport {
        transactions = List.copyOf(transactions);
    }

    /** Reads a schema-valid pain.002 document. */
    public static StatusReport of(Document doc, byte[] xml) throws EkaseException {
        Element root = Elements.at(doc.getDocumentElement(), "CstmrPmtStsRpt").orElseThrow();
        Element group = Elements.child(root, "OrgnlGrpInfAndSts").orElseThrow();
        String status = text(group, "GrpSts").orElse(null);
        Element reason = Elements.child(group, "StsRsnInf").orElse(null);
        List<TransactionStatus> txs = new ArrayList<>();
        for (Element pmtInf : children(root, "OrgnlPmtInfAndSts")) {
            status = status != null ? status : text(pmtInf, "PmtInfSts").orElse(null);
            reason = reason != null ? reason : Elements.child(pmtInf, "StsRsnInf").orElse(null);
            for (Element tx : children(pmtInf, "TxInfAndSts")) {
                Optional<Element> txReason = Elements.child(tx, "StsRsnInf");
                txs.add(new TransactionStatus(text(tx, "OrgnlEndToEndId").orElse(null), text(tx, "TxSts").orElse(null),
                        txReason.flatMap(r -> text(r, "Rsn", "Cd")).orElse(null)));
                status = status != null ? status : text(tx, "TxSts").orElse(null);
                reason = reason != null ? reason : txReason.orElse(null);
            }
        }
        if (status == null) {
            throw new EkaseException(EkaseException.Code.MALFORMED_ANSWER,
                    "pain.002 for MsgId " + text(group, "OrgnlMsgId").orElse("?") + ": no status (expected: GrpSts, PmtInfSts or TxSts)");
        }
        Element why = reason;
        return new StatusReport(Elements.required(group, "OrgnlMsgId"), status,
                why == null ? null : text(why, "Rsn", "Cd").or(() -> text(why, "Rsn", "Prtry")).orElse(null),
                why == null ? null : text(why, "AddtlInf").orElse(null), txs, xml);
    }
}

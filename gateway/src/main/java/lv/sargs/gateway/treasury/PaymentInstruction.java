package lv.sargs.gateway.treasury;

import static lv.sargs.gateway.treasury.xml.Elements.children;
import static lv.sargs.gateway.treasury.xml.Elements.required;
import static lv.sargs.gateway.treasury.xml.Elements.text;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import lv.sargs.gateway.text.ClientValues;
import lv.sargs.gateway.treasury.xml.Elements;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * What the Treasury rules look at in a schema-valid pain.001.001.03: header counts and sums,
 * and per payment-information block the debtor side and its transfers.
 *
 * @param msgId the group header's MsgId
 * @param nbOfTxs the group header's NbOfTxs (text, as the schema allows up to 15 digits)
 * @param ctrlSum the group header's CtrlSum, or null
 * @param batches the PmtInf blocks in document order
 */
record PaymentInstruction(String msgId, String nbOfTxs, BigDecimal ctrlSum, List<Batch> batches) {

    private static final Pattern DAY = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

    /** One PmtInf block. */
    record Batch(String pmtInfId, String method, String nbOfTxs, BigDecimal ctrlSum, LocalDate executionDate,
                 String debtorIban, String debtorAgentBic, Element ultimateDebtor, List<Transfer> transfers) {
    }

    /** One CdtTrfTxInf. */
    record Transfer(String endToEndId, BigDecimal amount, String currency, String creditorName, String creditorIban,
                    String creditorAgentBic, Element ultimateDebtor, List<String[]> regulatoryCodes) {
    }

    static PaymentInstruction of(Document doc) {
        Element root = Elements.at(doc.getDocumentElement(), "CstmrCdtTrfInitn").orElseThrow();
        List<Batch> batches = new ArrayList<>();
        for (Element pmtInf : children(root, "PmtInf")) {
            LocalDate executionDate = day(required(pmtInf, "ReqdExctnDt"), "PmtInf[" + batches.size() + "]");
            List<Transfer> transfers = new ArrayList<>();
            for (Element tx : children(pmtInf, "CdtTrfTxInf")) {
                List<String[]> codes = new ArrayList<>();
                for (Element reporting : children(tx, "RgltryRptg")) {
                    for (Element details : children(reporting, "Dtls")) {
                        codes.add(new String[] {text(details, "Tp").orElse(""), text(details, "Cd").orElse("")});
                    }
                }
                Element amount = Elements.at(tx, "Amt", "InstdAmt").orElseThrow();
                transfers.add(new Transfer(required(tx, "PmtId", "EndToEndId"),
                        new BigDecimal(amount.getTextContent().trim()), amount.getAttribute("Ccy"),
                        text(tx, "Cdtr", "Nm").orElse(null), text(tx, "CdtrAcct", "Id", "IBAN").orElse(null),
                        text(tx, "CdtrAgt", "FinInstnId", "BIC").orElse(null),
                        Elements.child(tx, "UltmtDbtr").orElse(null), codes));
            }
            batches.add(new Batch(required(pmtInf, "PmtInfId"), required(pmtInf, "PmtMtd"),
                    text(pmtInf, "NbOfTxs").orElse(null), text(pmtInf, "CtrlSum").map(BigDecimal::new).orElse(null),
                    executionDate,
                    text(pmtInf, "DbtrAcct", "Id", "IBAN").orElse(null),
                    text(pmtInf, "DbtrAgt", "FinInstnId", "BIC").orElse(null),
                    Elements.child(pmtInf, "UltmtDbtr").orElse(null), transfers));
        }
        return new PaymentInstruction(required(root, "GrpHdr", "MsgId"), required(root, "GrpHdr", "NbOfTxs"),
                text(root, "GrpHdr", "CtrlSum").map(BigDecimal::new).orElse(null), batches);
    }

    /**
     * The requested day: the schema's date type also admits a time zone and years past 9999, which
     * name no Treasury business day, so those are refused here in the document's terms.
     */
    private static LocalDate day(String text, String at) {
        if (DAY.matcher(text).matches()) {
            try {
                return LocalDate.parse(text);
            } catch (DateTimeParseException e) {
                // Falls through to the refusal: the schema checks the calendar, this is only a second guard.
            }
        }
        throw new TreasuryException(TreasuryException.Code.INVALID_DOCUMENT, "pain.001 " + at + ".ReqdExctnDt: "
                + ClientValues.forAnswer(text) + " (expected: a day as YYYY-MM-DD, without a time zone)");
    }

    /** Every EndToEndId in document order. */
    List<String> endToEndIds() {
        return batches.stream().flatMap(b -> b.transfers().stream()).map(Transfer::endToEndId).toList();
    }

    /** Every PmtInfId in document order. */
    List<String> pmtInfIds() {
        return batches.stream().map(Batch::pmtInfId).toList();
    }
}

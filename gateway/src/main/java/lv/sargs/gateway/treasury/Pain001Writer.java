package lv.sargs.gateway.treasury;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import lv.sargs.gateway.treasury.xml.IsoMessage;
import lv.sargs.gateway.treasury.xml.SafeXml;

/**
 * Writes the pain.001.001.03 for a JSON payment request (see {@code docs/treasury.md}): one
 * PmtInf (TRF) from the debtor's Treasury account with one CdtTrfTxInf per transfer, the
 * identifiers from {@link PaymentIds}, budget codes as {@code RgltryRptg/Dtls} (Tp EKK/AMK).
 * The request is checked field by field first ({@link PaymentRequestCheck}, problems listed by
 * JSON path); Treasury rules are checked later on the XML, as for documents clients send as is.
 */
final class Pain001Writer {

    private Pain001Writer() {
    }

    static byte[] write(JsonNode request, PaymentIds ids, Instant now, LocalDate today) {
        List<String> problems = PaymentRequestCheck.problems(request);
        if (!problems.isEmpty()) {
            throw invalid(problems);
        }
        String debtorName = request.path("debtor").path("name").asText();
        String debtorIban = request.path("debtor").path("iban").asText();
        String ultimate = request.hasNonNull("ultimateDebtor") ? request.path("ultimateDebtor").path("name").asText() : null;
        LocalDate date = request.hasNonNull("requestedExecutionDate")
                ? LocalDate.parse(request.get("requestedExecutionDate").asText()) : today;
        JsonNode transfers = request.path("transfers");
        BigDecimal sum = BigDecimal.ZERO;
        for (JsonNode t : transfers) {
            sum = sum.add(new BigDecimal(t.get("amount").asText()));
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(1024 + 512 * transfers.size());
            XMLStreamWriter w = SafeXml.outputFactory().createXMLStreamWriter(out, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            w.writeStartElement("Document");
            w.writeDefaultNamespace(IsoMessage.PAIN_001.namespace());
            w.writeStartElement("CstmrCdtTrfInitn");
            w.writeStartElement("GrpHdr");
            leaf(w, "MsgId", ids.msgId());
            leaf(w, "CreDtTm", now.truncatedTo(ChronoUnit.SECONDS).toString());
            leaf(w, "NbOfTxs", Integer.toString(transfers.size()));
            leaf(w, "CtrlSum", sum.toPlainString());
            w.writeStartElement("InitgPty");
            leaf(w, "Nm", debtorName);
            w.writeEndElement();
            w.writeEndElement();
            w.writeStartElement("PmtInf");
            leaf(w, "PmtInfId", ids.pmtInfId());
            leaf(w, "PmtMtd", "TRF");
            leaf(w, "NbOfTxs", Integer.toString(transfers.size()));
            leaf(w, "CtrlSum", sum.toPlainString());
            leaf(w, "ReqdExctnDt", date.toString());
            party(w, "Dbtr", debtorName);
            account(w, "DbtrAcct", debtorIban);
            agent(w, "DbtrAgt", TreasuryRules.TREASURY_BIC);
            if (ultimate != null) {
                party(w, "UltmtDbtr", ultimate);
            }
            leaf(w, "ChrgBr", "SLEV");
            for (int i = 0; i < transfers.size(); i++) {
                writeTransfer(w, transfers.get(i), ids.endToEndId(i + 1));
            }
            w.writeEndElement();
            w.writeEndElement();
            w.writeEndElement();
            w.writeEndDocument();
            w.close();
            return out.toByteArray();
        } catch (XMLStreamException e) {
            throw new TreasuryException(TreasuryException.Code.INVALID_DOCUMENT,
                    "payment JSON: cannot be written as pain.001: " + e.getMessage(), e);
        }
    }

    private static void writeTransfer(XMLStreamWriter w, JsonNode t, String endToEndId) throws XMLStreamException {
        w.writeStartElement("CdtTrfTxInf");
        w.writeStartElement("PmtId");
        leaf(w, "EndToEndId", endToEndId);
        w.writeEndElement();
        w.writeStartElement("Amt");
        w.writeStartElement("InstdAmt");
        w.writeAttribute("Ccy", t.path("currency").asText("EUR"));
        w.writeCharacters(new BigDecimal(t.get("amount").asText()).toPlainString());
        w.writeEndElement();
        w.writeEndElement();
        if (t.hasNonNull("ultimateDebtor")) {
            party(w, "UltmtDbtr", t.path("ultimateDebtor").path("name").asText());
        }
        if (t.hasNonNull("creditorBic")) {
            agent(w, "CdtrAgt", t.get("creditorBic").asText());
        }
        party(w, "Cdtr", t.path("creditor").path("name").asText());
        account(w, "CdtrAcct", t.path("creditor").path("iban").asText());
        if (t.hasNonNull("ekk") || t.hasNonNull("amk")) {
            w.writeStartElement("RgltryRptg");
            for (String code : new String[] {"ekk", "amk"}) {
                if (t.hasNonNull(code)) {
                    w.writeStartElement("Dtls");
                    leaf(w, "Tp", code.toUpperCase(java.util.Locale.ROOT));
                    leaf(w, "Cd", t.get(code).asText());
                    w.writeEndElement();
                }
            }
            w.writeEndElement();
        }
        if (t.hasNonNull("remittanceInformation")) {
            w.writeStartElement("RmtInf");
            leaf(w, "Ustrd", t.get("remittanceInformation").asText());
            w.writeEndElement();
        }
        w.writeEndElement();
    }

    private static void leaf(XMLStreamWriter w, String name, String value) throws XMLStreamException {
        w.writeStartElement(name);
        w.writeCharacters(value);
        w.writeEndElement();
    }

    private static void party(XMLStreamWriter w, String element, String name) throws XMLStreamException {
        w.writeStartElement(element);
        leaf(w, "Nm", name);
        w.writeEndElement();
    }

    private static void account(XMLStreamWriter w, String element, String iban) throws XMLStreamException {
        w.writeStartElement(element);
        w.writeStartElement("Id");
        leaf(w, "IBAN", iban);
        w.writeEndElement();
        w.writeEndElement();
    }

    private static void agent(XMLStreamWriter w, String element, String bic) throws XMLStreamException {
        w.writeStartElement(element);
        w.writeStartElement("FinInstnId");
        leaf(w, "BIC", bic);
        w.writeEndElement();
        w.writeEndElement();
    }

    private static TreasuryException invalid(List<String> problems) {
        return new TreasuryException(TreasuryException.Code.INVALID_DOCUMENT, "payment JSON: " + TreasuryRules.listed(problems));
    }
}

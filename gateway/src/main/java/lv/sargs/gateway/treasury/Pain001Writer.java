package lv.sargs.gateway.treasury;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import lv.sargs.gateway.treasury.xml.IsoMessage;
import lv.sargs.gateway.treasury.xml.SafeXml;

/**
 * Writes the pain.001.001.03 for a JSON payment request (see {@code docs/treasury.md}): one
 * PmtInf (TRF) from the debtor's Treasury account with one CdtTrfTxInf per transfer, the
 * identifiers from {@link PaymentIds}, budget codes as {@code RgltryRptg/Dtls} (Tp EKK/AMK).
 * Shape errors are listed by JSON path; Treasury rules are checked later on the XML, as for
 * documents clients send as is.
 */
final class Pain001Writer {

    private static final Set<String> TOP = Set.of("debtor", "ultimateDebtor", "requestedExecutionDate", "transfers");
    private static final Set<String> TRANSFER = Set.of("amount", "currency", "creditor", "creditorBic",
            "ultimateDebtor", "remittanceInformation", "ekk", "amk");
    private static final Set<String> PARTY = Set.of("name", "iban");
    private static final int MAX_TRANSFERS = 1000;

    private Pain001Writer() {
    }

    static byte[] write(JsonNode request, PaymentIds ids, Instant now, LocalDate today) {
        List<String> problems = new ArrayList<>();
        if (!request.isObject()) {
            throw invalid(List.of("$: " + request.getNodeType() + " (expected: a JSON object)"));
        }
        unknown("$", request, TOP, problems);
        String debtorName = text(request, "$", "debtor", "name", 140, true, problems);
        String debtorIban = text(request, "$", "debtor", "iban", 34, true, problems);
        unknown("$.debtor", request.path("debtor"), PARTY, problems);
        String ultimate = request.has("ultimateDebtor") ? text(request, "$", "ultimateDebtor", "name", 140, true, problems)
                : null;
        LocalDate date = today;
        if (request.hasNonNull("requestedExecutionDate")) {
            try {
                date = LocalDate.parse(request.get("requestedExecutionDate").asText());
            } catch (DateTimeParseException e) {
                problems.add("$.requestedExecutionDate: " + request.get("requestedExecutionDate")
                        + " (expected: YYYY-MM-DD)");
            }
        }
        JsonNode transfers = request.path("transfers");
        if (!transfers.isArray() || transfers.isEmpty() || transfers.size() > MAX_TRANSFERS) {
            problems.add("$.transfers: " + (transfers.isArray() ? transfers.size() + " items" : "missing")
                    + " (expected: 1-" + MAX_TRANSFERS + " transfers)");
        }
        BigDecimal sum = BigDecimal.ZERO;
        for (int i = 0; transfers.isArray() && i < transfers.size(); i++) {
            JsonNode t = transfers.get(i);
            String at = "$.transfers[" + i + "]";
            unknown(at, t, TRANSFER, problems);
            unknown(at + ".creditor", t.path("creditor"), PARTY, problems);
            text(t, at, "creditor", "name", 140, true, problems);
            text(t, at, "creditor", "iban", 34, true, problems);
            JsonNode amount = t.path("amount");
            if (amount.isTextual() || amount.isNumber()) {
                try {
                    sum = sum.add(new BigDecimal(amount.asText()));
                } catch (NumberFormatException e) {
                    problems.add(at + ".amount: " + amount + " (expected: a decimal such as \"100.00\")");
                }
            } else {
                problems.add(at + ".amount: " + (amount.isMissingNode() ? "missing" : amount)
                        + " (expected: a decimal such as \"100.00\")");
            }
        }
        if (!problems.isEmpty()) {
            throw invalid(problems);
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

    private static String text(JsonNode parent, String base, String object, String field, int maxLength,
                               boolean required, List<String> problems) {
        JsonNode node = parent.path(object).path(field);
        String at = base + "." + object + "." + field;
        if (node.isMissingNode() || node.isNull()) {
            if (required) {
                problems.add(at + ": missing (expected: text)");
            }
            return null;
        }
        if (!node.isTextual() || node.asText().isBlank() || node.asText().length() > maxLength) {
            problems.add(at + ": " + node + " (expected: text of 1-" + maxLength + " characters)");
            return null;
        }
        return node.asText();
    }

    private static void unknown(String at, JsonNode node, Set<String> known, List<String> problems) {
        if (!node.isObject()) {
            return;
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                problems.add(at + "." + name + ": unknown field (expected one of " + known + ")");
            }
        }
    }

    private static TreasuryException invalid(List<String> problems) {
        return new TreasuryException(TreasuryException.Code.INVALID_DOCUMENT, "payment JSON: " + String.join("; ", problems));
    }
}

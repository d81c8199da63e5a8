package lv.sargs.gateway.treasury;

import static lv.sargs.gateway.treasury.xml.Elements.child;
import static lv.sargs.gateway.treasury.xml.Elements.children;
import static lv.sargs.gateway.treasury.xml.Elements.text;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import org.w3c.dom.Element;

/**
 * Maps one {@code NtryDtls/TxDtls} of a camt.052/053/054 to JSON: references, amounts, bank
 * transaction code, parties and agents, unstructured and structured remittance, return reason,
 * related dates; what core systems need to reconcile a Treasury entry with their own records.
 */
final class AccountReportTransactions {

    private static final String[][] REFERENCES = {{"MsgId", "msgId"}, {"AcctSvcrRef", "accountServicerReference"},
        {"PmtInfId", "pmtInfId"}, {"InstrId", "instrId"}, {"EndToEndId", "endToEndId"}, {"TxId", "txId"},
        {"MndtId", "mandateId"}, {"ChqNb", "chequeNumber"}, {"ClrSysRef", "clearingSystemReference"}};

    private AccountReportTransactions() {
    }

    static void transaction(ObjectNode t, Element tx) {
        for (String[] ref : REFERENCES) {
            text(tx, "Refs", ref[0]).ifPresent(v -> t.put(ref[1], v));
        }
        child(tx, "Refs").flatMap(r -> child(r, "Prtry")).ifPresent(p -> {
            ObjectNode prtry = t.putObject("proprietaryReference");
            prtry.put("type", text(p, "Tp").orElse(null));
            prtry.put("reference", text(p, "Ref").orElse(null));
        });
        child(tx, "AmtDtls").ifPresent(d -> AccountReportJson.amountDetails(t, d));
        child(tx, "BkTxCd").ifPresent(c -> AccountReportJson.bankTransactionCode(t, c));
        AccountReportJson.charges(t, tx);
        child(tx, "RltdPties").ifPresent(parties -> {
            party(t, parties, "Dbtr", "DbtrAcct", "debtor");
            party(t, parties, "UltmtDbtr", null, "ultimateDebtor");
            party(t, parties, "Cdtr", "CdtrAcct", "creditor");
            party(t, parties, "UltmtCdtr", null, "ultimateCreditor");
        });
        child(tx, "RltdAgts").ifPresent(agents -> {
            text(agents, "DbtrAgt", "FinInstnId", "BIC").ifPresent(v -> t.put("debtorAgentBic", v));
            text(agents, "CdtrAgt", "FinInstnId", "BIC").ifPresent(v -> t.put("creditorAgentBic", v));
        });
        AccountReportJson.codeOrProprietary(tx, List.of("Purp")).ifPresent(v -> t.put("purpose", v));
        child(tx, "RmtInf").ifPresent(rmt -> remittance(t, rmt));
        child(tx, "RltdDts").ifPresent(dates -> {
            ObjectNode d = t.putObject("dates");
            for (String[] date : new String[][] {{"AccptncDtTm", "acceptance"}, {"IntrBkSttlmDt", "interbankSettlement"},
                    {"TradDt", "trade"}, {"TxDtTm", "transaction"}}) {
                text(dates, date[0]).ifPresent(v -> d.put(date[1], v));
            }
        });
        child(tx, "RtrInf").ifPresent(rtr -> {
            ObjectNode r = t.putObject("returnReason");
            text(rtr, "Rsn", "Cd").ifPresent(v -> r.put("code", v));
            text(rtr, "Rsn", "Prtry").ifPresent(v -> r.put("proprietary", v));
            AccountReportJson.joined(rtr, "AddtlInf").ifPresent(v -> r.put("info", v));
            text(rtr, "Orgtr", "Nm").ifPresent(v -> r.put("originator", v));
        });
        text(tx, "AddtlTxInf").ifPresent(v -> t.put("info", v));
    }

    private static void remittance(ObjectNode t, Element rmt) {
        ArrayNode lines = t.putArray("remittanceInformation");
        children(rmt, "Ustrd").forEach(u -> lines.add(u.getTextContent().trim()));
        List<Element> structured = children(rmt, "Strd");
        if (structured.isEmpty()) {
            return;
        }
        ArrayNode all = t.putArray("structuredRemittance");
        for (Element strd : structured) {
            ObjectNode s = all.addObject();
            child(strd, "CdtrRefInf").ifPresent(ref -> {
                text(ref, "Ref").ifPresent(v -> s.put("creditorReference", v));
                AccountReportJson.codeOrProprietary(ref, List.of("Tp", "CdOrPrtry"))
                        .ifPresent(v -> s.put("creditorReferenceType", v));
            });
            ArrayNode documents = s.putArray("documents");
            for (Element doc : children(strd, "RfrdDocInf")) {
                ObjectNode d = documents.addObject();
                AccountReportJson.codeOrProprietary(doc, List.of("Tp", "CdOrPrtry")).ifPresent(v -> d.put("type", v));
                text(doc, "Nb").ifPresent(v -> d.put("number", v));
                text(doc, "RltdDt").ifPresent(v -> d.put("date", v));
            }
            text(strd, "Invcr", "Nm").ifPresent(v -> s.put("invoicer", v));
            text(strd, "Invcee", "Nm").ifPresent(v -> s.put("invoicee", v));
            ArrayNode additional = s.putArray("additional");
            children(strd, "AddtlRmtInf").forEach(a -> additional.add(a.getTextContent().trim()));
        }
    }

    private static void party(ObjectNode t, Element parties, String party, String account, String field) {
        Optional<String> name = text(parties, party, "Nm");
        Optional<String> iban = account == null ? Optional.empty() : text(parties, account, "Id", "IBAN");
        Optional<Element> address = child(parties, party).flatMap(p -> child(p, "PstlAdr"));
        if (name.isPresent() || iban.isPresent() || address.isPresent()) {
            ObjectNode p = t.putObject(field);
            name.ifPresent(v -> p.put("name", v));
            iban.ifPresent(v -> p.put("iban", v));
            address.ifPresent(a -> {
                ObjectNode adr = p.putObject("address");
                for (String[] part : new String[][] {{"StrtNm", "street"}, {"BldgNb", "building"}, {"PstCd", "postCode"},
                        {"TwnNm", "town"}, {"Ctry", "country"}}) {
                    text(a, part[0]).ifPresent(v -> adr.put(part[1], v));
                }
                ArrayNode lines = adr.putArray("lines");
                children(a, "AdrLine").forEach(l -> lines.add(l.getTextContent().trim()));
            });
        }
    }
}

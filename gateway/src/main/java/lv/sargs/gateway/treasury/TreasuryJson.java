package lv.sargs.gateway.treasury;

import static lv.sargs.gateway.treasury.xml.Elements.child;
import static lv.sargs.gateway.treasury.xml.Elements.children;
import static lv.sargs.gateway.treasury.xml.Elements.text;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import lv.sargs.gateway.treasury.ekase.AccountReport;
import lv.sargs.gateway.treasury.xml.IsoMessage;
import org.w3c.dom.Element;

/**
 * The JSON the Treasury routes answer with by default (documented in {@code docs/treasury.md}):
 * a payment with its status history, and a flat mapping of camt.052/053/054 with amounts as
 * decimal strings and ISO codes kept as they are.
 */
public final class TreasuryJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TreasuryJson() {
    }

    /** A payment: ids, state, the latest ISO status and reason, and the history, oldest first. */
    public static ObjectNode payment(Payment p) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", p.id());
        o.put("state", p.state().name());
        o.put("isoStatus", lastIsoStatus(p));
        StatusChange last = p.last();
        if (last.reasonCode() != null) {
            ObjectNode reason = o.putObject("reason");
            reason.put("code", last.reasonCode());
            reason.put("text", last.detail());
        }
        o.put("msgId", p.msgId());
        p.pmtInfIds().forEach(o.putArray("pmtInfIds")::add);
        p.endToEndIds().forEach(o.putArray("endToEndIds")::add);
        ArrayNode history = o.putArray("history");
        for (StatusChange c : p.history()) {
            ObjectNode h = history.addObject();
            h.put("at", c.at().toString());
            h.put("state", c.state().name());
            if (c.isoStatus() != null) {
                h.put("isoStatus", c.isoStatus());
            }
            if (c.reasonCode() != null) {
                h.put("reasonCode", c.reasonCode());
            }
            if (c.detail() != null) {
                h.put("detail", c.detail());
            }
        }
        o.putObject("links").put("self", "/v1/treasury/payments/" + p.id());
        return o;
    }

    /** A camt.052, camt.053 or camt.054 as JSON. */
    public static ObjectNode report(AccountReport report) {
        Element doc = report.document().getDocumentElement();
        String[] names = switch (report.message()) {
            case CAMT_052 -> new String[] {"BkToCstmrAcctRpt", "Rpt", "reports"};
            case CAMT_053 -> new String[] {"BkToCstmrStmt", "Stmt", "statements"};
            case CAMT_054 -> new String[] {"BkToCstmrDbtCdtNtfctn", "Ntfctn", "notifications"};
            default -> throw new IllegalArgumentException("message: " + report.message()
                    + " (expected: camt.052, camt.053 or camt.054)");
        };
        Element root = child(doc, names[0]).orElseThrow();
        ObjectNode o = JSON.createObjectNode();
        o.put("message", report.message().id());
        o.put("messageId", text(root, "GrpHdr", "MsgId").orElse(null));
        o.put("createdAt", text(root, "GrpHdr", "CreDtTm").orElse(null));
        ArrayNode items = o.putArray(names[2]);
        long cursor = -1;
        for (Element item : children(root, names[1])) {
            ObjectNode i = items.addObject();
            i.put("id", text(item, "Id").orElse(null));
            i.put("createdAt", text(item, "CreDtTm").orElse(null));
            text(item, "FrToDt", "FrDtTm").ifPresent(v -> i.put("from", v));
            text(item, "FrToDt", "ToDtTm").ifPresent(v -> i.put("to", v));
            ObjectNode account = i.putObject("account");
            account.put("iban", text(item, "Acct", "Id", "IBAN").orElse(null));
            text(item, "Acct", "Ccy").ifPresent(v -> account.put("currency", v));
            text(item, "Acct", "Nm").ifPresent(v -> account.put("name", v));
            ArrayNode balances = i.putArray("balances");
            for (Element bal : children(item, "Bal")) {
                ObjectNode b = balances.addObject();
                b.put("type", text(bal, "Tp", "CdOrPrtry", "Cd").or(() -> text(bal, "Tp", "CdOrPrtry", "Prtry")).orElse(null));
                amount(b, bal);
                b.put("date", text(bal, "Dt", "Dt").or(() -> text(bal, "Dt", "DtTm")).orElse(null));
            }
            ArrayNode entries = i.putArray("entries");
            for (Element ntry : children(item, "Ntry")) {
                ObjectNode e = entries.addObject();
                Optional<String> ref = text(ntry, "NtryRef");
                ref.ifPresent(v -> e.put("reference", v));
                if (report.message() == IsoMessage.CAMT_054 && ref.isPresent() && ref.get().matches("[0-9]{1,18}")) {
                    cursor = Math.max(cursor, Long.parseLong(ref.get()));
                }
                amount(e, ntry);
                e.put("status", text(ntry, "Sts").orElse(null));
                text(ntry, "BookgDt", "Dt").or(() -> text(ntry, "BookgDt", "DtTm")).ifPresent(v -> e.put("bookingDate", v));
                text(ntry, "ValDt", "Dt").or(() -> text(ntry, "ValDt", "DtTm")).ifPresent(v -> e.put("valueDate", v));
                text(ntry, "AcctSvcrRef").ifPresent(v -> e.put("accountServicerReference", v));
                text(ntry, "AddtlNtryInf").ifPresent(v -> e.put("info", v));
                ArrayNode txs = e.putArray("transactions");
                for (Element dtls : children(ntry, "NtryDtls")) {
                    for (Element tx : children(dtls, "TxDtls")) {
                        transaction(txs.addObject(), tx);
                    }
                }
            }
        }
        if (report.message() == IsoMessage.CAMT_054) {
            o.put("next", cursor);
        }
        return o;
    }

    private static void transaction(ObjectNode t, Element tx) {
        for (String[] ref : new String[][] {{"MsgId", "msgId"}, {"PmtInfId", "pmtInfId"}, {"InstrId", "instrId"},
                {"EndToEndId", "endToEndId"}, {"TxId", "txId"}, {"AcctSvcrRef", "accountServicerReference"}}) {
            text(tx, "Refs", ref[0]).ifPresent(v -> t.put(ref[1], v));
        }
        child(tx, "RltdPties").ifPresent(parties -> {
            party(t, parties, "Dbtr", "DbtrAcct", "debtor");
            party(t, parties, "UltmtDbtr", null, "ultimateDebtor");
            party(t, parties, "Cdtr", "CdtrAcct", "creditor");
            party(t, parties, "UltmtCdtr", null, "ultimateCreditor");
        });
        child(tx, "RmtInf").ifPresent(rmt -> {
            ArrayNode lines = t.putArray("remittanceInformation");
            children(rmt, "Ustrd").forEach(u -> lines.add(u.getTextContent().trim()));
        });
    }

    private static void party(ObjectNode t, Element parties, String party, String account, String field) {
        Optional<String> name = text(parties, party, "Nm");
        Optional<String> iban = account == null ? Optional.empty() : text(parties, account, "Id", "IBAN");
        if (name.isPresent() || iban.isPresent()) {
            ObjectNode p = t.putObject(field);
            name.ifPresent(v -> p.put("name", v));
            iban.ifPresent(v -> p.put("iban", v));
        }
    }

    private static void amount(ObjectNode o, Element withAmount) {
        child(withAmount, "Amt").ifPresent(amt -> {
            o.put("amount", amt.getTextContent().trim());
            o.put("currency", amt.getAttribute("Ccy"));
        });
        o.put("creditDebit", text(withAmount, "CdtDbtInd").orElse(null));
    }

    private static String lastIsoStatus(Payment p) {
        for (int i = p.history().size() - 1; i >= 0; i--) {
            if (p.history().get(i).isoStatus() != null) {
                return p.history().get(i).isoStatus();
            }
        }
        return null;
    }
}

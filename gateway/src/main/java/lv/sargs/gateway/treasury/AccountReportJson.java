package lv.sargs.gateway.treasury;

import static lv.sargs.gateway.treasury.xml.Elements.child;
import static lv.sargs.gateway.treasury.xml.Elements.children;
import static lv.sargs.gateway.treasury.xml.Elements.text;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import lv.sargs.gateway.treasury.ekase.AccountReport;
import lv.sargs.gateway.treasury.xml.Elements;
import lv.sargs.gateway.treasury.xml.IsoMessage;
import org.w3c.dom.Element;

/**
 * Maps a schema-valid camt.052, camt.053 or camt.054 to the JSON core systems get (the
 * {@code AccountReport} schema of {@code docs/openapi.yaml}): amounts as the decimal strings the
 * bank sent, ISO codes unchanged, a field only when the document carries it.
 */
final class AccountReportJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AccountReportJson() {
    }

    static ObjectNode report(AccountReport report) {
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
        text(root, "GrpHdr", "MsgRcpt", "Nm").ifPresent(v -> o.put("recipient", v));
        child(root, "GrpHdr").flatMap(h -> child(h, "MsgPgntn")).ifPresent(p -> {
            ObjectNode page = o.putObject("pagination");
            page.put("page", text(p, "PgNb").orElse(null));
            page.put("last", text(p, "LastPgInd").map(AccountReportJson::bool).orElse(false));
        });
        ArrayNode items = o.putArray(names[2]);
        long cursor = -1;
        for (Element item : children(root, names[1])) {
            cursor = Math.max(cursor, item(items.addObject(), item, report.message()));
        }
        if (report.message() == IsoMessage.CAMT_054) {
            o.put("next", cursor);
        }
        return o;
    }

    /** Maps one Rpt/Stmt/Ntfctn; answers the highest numeric NtryRef of a camt.054, else -1. */
    private static long item(ObjectNode i, Element item, IsoMessage message) {
        i.put("id", text(item, "Id").orElse(null));
        text(item, "ElctrncSeqNb").ifPresent(v -> i.put("electronicSequenceNumber", v));
        text(item, "LglSeqNb").ifPresent(v -> i.put("legalSequenceNumber", v));
        i.put("createdAt", text(item, "CreDtTm").orElse(null));
        text(item, "FrToDt", "FrDtTm").ifPresent(v -> i.put("from", v));
        text(item, "FrToDt", "ToDtTm").ifPresent(v -> i.put("to", v));
        text(item, "CpyDplctInd").ifPresent(v -> i.put("copyDuplicate", v));
        ObjectNode account = i.putObject("account");
        account.put("iban", text(item, "Acct", "Id", "IBAN").orElse(null));
        text(item, "Acct", "Id", "Othr", "Id").ifPresent(v -> account.put("other", v));
        codeOrProprietary(item, List.of("Acct", "Tp")).ifPresent(v -> account.put("type", v));
        text(item, "Acct", "Ccy").ifPresent(v -> account.put("currency", v));
        text(item, "Acct", "Nm").ifPresent(v -> account.put("name", v));
        text(item, "Acct", "Ownr", "Nm").ifPresent(v -> account.put("owner", v));
        text(item, "Acct", "Svcr", "FinInstnId", "BIC").ifPresent(v -> account.put("servicerBic", v));
        text(item, "RltdAcct", "Id", "IBAN").ifPresent(v -> i.putObject("relatedAccount").put("iban", v));
        ArrayNode balances = i.putArray("balances");
        for (Element bal : children(item, "Bal")) {
            ObjectNode b = balances.addObject();
            b.put("type", codeOrProprietary(bal, List.of("Tp", "CdOrPrtry")).orElse(null));
            codeOrProprietary(bal, List.of("Tp", "SubTp")).ifPresent(v -> b.put("subType", v));
            child(bal, "CdtLine").ifPresent(line -> {
                ObjectNode c = b.putObject("creditLine");
                c.put("included", text(line, "Incl").map(AccountReportJson::bool).orElse(false));
                child(line, "Amt").ifPresent(amt -> money(c, amt));
            });
            amount(b, bal);
            b.put("date", text(bal, "Dt", "Dt").or(() -> text(bal, "Dt", "DtTm")).orElse(null));
        }
        child(item, "TxsSummry").ifPresent(s -> summary(i.putObject("summary"), s));
        long cursor = -1;
        ArrayNode entries = i.putArray("entries");
        for (Element ntry : children(item, "Ntry")) {
            Optional<String> ref = text(ntry, "NtryRef");
            if (message == IsoMessage.CAMT_054 && ref.isPresent() && ref.get().matches("[0-9]{1,18}")) {
                cursor = Math.max(cursor, Long.parseLong(ref.get()));
            }
            entry(entries.addObject(), ntry);
        }
        return cursor;
    }

    private static void summary(ObjectNode s, Element summary) {
        child(summary, "TtlNtries").ifPresent(t -> totals(s.putObject("entries"), t));
        child(summary, "TtlCdtNtries").ifPresent(t -> totals(s.putObject("credits"), t));
        child(summary, "TtlDbtNtries").ifPresent(t -> totals(s.putObject("debits"), t));
        ArrayNode perCode = s.putArray("perBankTransactionCode");
        for (Element t : children(summary, "TtlNtriesPerBkTxCd")) {
            ObjectNode p = perCode.addObject();
            totals(p, t);
            text(t, "FcstInd").ifPresent(v -> p.put("forecast", bool(v)));
            child(t, "BkTxCd").ifPresent(c -> bankTransactionCode(p, c));
        }
    }

    private static void totals(ObjectNode o, Element t) {
        text(t, "NbOfNtries").ifPresent(v -> o.put("count", v));
        text(t, "Sum").ifPresent(v -> o.put("sum", v));
        text(t, "TtlNetNtryAmt").ifPresent(v -> o.put("net", v));
        text(t, "CdtDbtInd").ifPresent(v -> o.put("creditDebit", v));
    }

    private static void entry(ObjectNode e, Element ntry) {
        text(ntry, "NtryRef").ifPresent(v -> e.put("reference", v));
        amount(e, ntry);
        text(ntry, "RvslInd").ifPresent(v -> e.put("reversal", bool(v)));
        e.put("status", text(ntry, "Sts").orElse(null));
        text(ntry, "BookgDt", "Dt").or(() -> text(ntry, "BookgDt", "DtTm")).ifPresent(v -> e.put("bookingDate", v));
        text(ntry, "ValDt", "Dt").or(() -> text(ntry, "ValDt", "DtTm")).ifPresent(v -> e.put("valueDate", v));
        text(ntry, "AcctSvcrRef").ifPresent(v -> e.put("accountServicerReference", v));
        child(ntry, "BkTxCd").ifPresent(c -> bankTransactionCode(e, c));
        child(ntry, "AmtDtls").ifPresent(d -> amountDetails(e, d));
        charges(e, ntry);
        text(ntry, "AddtlNtryInf").ifPresent(v -> e.put("info", v));
        ArrayNode batches = e.putArray("batches");
        ArrayNode txs = e.putArray("transactions");
        for (Element dtls : children(ntry, "NtryDtls")) {
            child(dtls, "Btch").ifPresent(b -> {
                ObjectNode batch = batches.addObject();
                text(b, "MsgId").ifPresent(v -> batch.put("msgId", v));
                text(b, "PmtInfId").ifPresent(v -> batch.put("pmtInfId", v));
                text(b, "NbOfTxs").ifPresent(v -> batch.put("numberOfTransactions", v));
                child(b, "TtlAmt").ifPresent(amt -> money(batch, amt));
                text(b, "CdtDbtInd").ifPresent(v -> batch.put("creditDebit", v));
            });
            for (Element tx : children(dtls, "TxDtls")) {
                AccountReportTransactions.transaction(txs.addObject(), tx);
            }
        }
    }

    /** {@code BkTxCd} as {@code bankTransactionCode: {domain, family, subFamily, proprietary, issuer}}. */
    static void bankTransactionCode(ObjectNode o, Element code) {
        ObjectNode c = o.putObject("bankTransactionCode");
        text(code, "Domn", "Cd").ifPresent(v -> c.put("domain", v));
        text(code, "Domn", "Fmly", "Cd").ifPresent(v -> c.put("family", v));
        text(code, "Domn", "Fmly", "SubFmlyCd").ifPresent(v -> c.put("subFamily", v));
        text(code, "Prtry", "Cd").ifPresent(v -> c.put("proprietary", v));
        text(code, "Prtry", "Issr").ifPresent(v -> c.put("issuer", v));
    }

    /** {@code AmtDtls}: the instructed, transaction and counter-value amounts. */
    static void amountDetails(ObjectNode o, Element details) {
        ObjectNode d = o.putObject("amountDetails");
        for (String[] kind : new String[][] {{"InstdAmt", "instructed"}, {"TxAmt", "transaction"},
                {"CntrValAmt", "counterValue"}, {"AnncdPstngAmt", "announcedPosting"}}) {
            Elements.at(details, kind[0], "Amt").ifPresent(amt -> money(d.putObject(kind[1]), amt));
        }
    }

    /** {@code Chrgs} as {@code charges: [{amount, currency, creditDebit, bearer}]}. */
    static void charges(ObjectNode o, Element withCharges) {
        List<Element> all = children(withCharges, "Chrgs");
        if (all.isEmpty()) {
            return;
        }
        ArrayNode charges = o.putArray("charges");
        for (Element c : all) {
            ObjectNode charge = charges.addObject();
            child(c, "Amt").ifPresent(amt -> money(charge, amt));
            text(c, "CdtDbtInd").ifPresent(v -> charge.put("creditDebit", v));
            text(c, "Br").ifPresent(v -> charge.put("bearer", v));
        }
    }

    /** {@code Cd} or else {@code Prtry} below {@code path}. */
    static Optional<String> codeOrProprietary(Element from, List<String> path) {
        String[] cd = concat(path, "Cd");
        String[] prtry = concat(path, "Prtry");
        return text(from, cd).or(() -> text(from, prtry));
    }

    /** Texts of every {@code name} child joined by a space, in document order; empty when none. */
    static Optional<String> joined(Element parent, String name) {
        String all = children(parent, name).stream().map(e -> e.getTextContent().trim())
                .collect(Collectors.joining(" "));
        return all.isEmpty() ? Optional.empty() : Optional.of(all);
    }

    static void money(ObjectNode o, Element amt) {
        o.put("amount", amt.getTextContent().trim());
        o.put("currency", amt.getAttribute("Ccy"));
    }

    private static void amount(ObjectNode o, Element withAmount) {
        child(withAmount, "Amt").ifPresent(amt -> money(o, amt));
        o.put("creditDebit", text(withAmount, "CdtDbtInd").orElse(null));
    }

    private static boolean bool(String xsBoolean) {
        return "true".equals(xsBoolean) || "1".equals(xsBoolean);
    }

    private static String[] concat(List<String> path, String last) {
        String[] all = path.toArray(new String[path.size() + 1]);
        all[path.size()] = last;
        return all;
    }
}

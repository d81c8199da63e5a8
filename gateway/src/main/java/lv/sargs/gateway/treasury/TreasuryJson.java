package lv.sargs.gateway.treasury;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import lv.sargs.gateway.treasury.ekase.AccountReport;

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

    /** A camt.052, camt.053 or camt.054 as JSON (see {@link AccountReportJson}). */
    public static ObjectNode report(AccountReport report) {
        return AccountReportJson.report(report);
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

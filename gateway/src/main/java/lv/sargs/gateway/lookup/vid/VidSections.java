package lv.sargs.gateway.lookup.vid;

import static lv.sargs.gateway.lookup.SectionJson.JSON;
import static lv.sargs.gateway.lookup.SectionJson.copy;
import static lv.sargs.gateway.lookup.SectionJson.read;
import static lv.sargs.gateway.lookup.SectionJson.write;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import lv.sargs.gateway.lookup.RegisterAnswerException;
import lv.sargs.gateway.text.ClientValues;

/**
 * Maps VID's taxpayer JSON (as the sandbox assumes it; unconfirmed) into the standard structure's
 * {@code taxData} section: VAT registration and overdue tax debt, the amount a decimal string.
 */
final class VidSections {

    private VidSections() {
    }

    /** VID taxpayer → {@code taxData}. */
    static byte[] taxData(byte[] vid) {
        JsonNode in = read(vid);
        ObjectNode out = JSON.createObjectNode();
        copy(in, out, "taxpayerCode", "taxpayerCode");
        copy(in, out, "name", "name");
        JsonNode vat = in.path("vat");
        if (!vat.path("registered").isBoolean()) {
            throw new RegisterAnswerException("VID taxpayer: vat.registered is " + vat.path("registered").getNodeType()
                    + " (expected: true or false)");
        }
        out.put("vatRegistered", vat.get("registered").booleanValue());
        copy(vat, out, "number", "vatNumber");
        copy(vat, out, "registeredOn", "vatRegisteredOn");
        JsonNode debt = in.path("taxDebt");
        String amount = debt.path("amount").asText("");
        if (!amount.matches("\\d{1,13}\\.\\d{2}")) {
            throw new RegisterAnswerException("VID taxpayer: taxDebt.amount is " + ClientValues.forAnswer(amount)
                    + " (expected: a decimal with two fractional digits, e.g. 1234.50)");
        }
        ObjectNode d = out.putObject("taxDebt");
        d.put("hasDebt", new BigDecimal(amount).signum() > 0);
        d.put("amount", amount);
        copy(debt, d, "currency", "currency");
        copy(debt, d, "asOf", "asOf");
        return write(out);
    }
}

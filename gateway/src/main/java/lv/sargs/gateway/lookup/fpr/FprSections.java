package lv.sargs.gateway.lookup.fpr;

import static lv.sargs.gateway.lookup.SectionJson.JSON;
import static lv.sargs.gateway.lookup.SectionJson.address;
import static lv.sargs.gateway.lookup.SectionJson.copy;
import static lv.sargs.gateway.lookup.SectionJson.read;
import static lv.sargs.gateway.lookup.SectionJson.write;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Maps the population register's person JSON into the standard structure's {@code population} section. */
final class FprSections {

    private FprSections() {
    }

    /** FPR person → {@code population}: names, status, address, documents, code history. */
    static byte[] population(byte[] fpr) {
        JsonNode in = read(fpr);
        ObjectNode out = JSON.createObjectNode();
        for (String f : new String[] {"personalCode", "forename", "surname", "sex", "birthDate", "status", "deathDate"}) {
            copy(in, out, f, f);
        }
        if (in.has("declaredAddress")) {
            out.set("declaredAddress", address(in.get("declaredAddress")));
        }
        ArrayNode docs = out.putArray("identityDocuments");
        for (JsonNode d : in.path("documents")) {
            ObjectNode o = docs.addObject();
            for (String f : new String[] {"type", "number", "issuedOn", "validUntil"}) {
                copy(d, o, f, f);
            }
        }
        ArrayNode history = out.putArray("personalCodeHistory");
        for (JsonNode h : in.path("personalCodeHistory")) {
            ObjectNode o = history.addObject();
            for (String f : new String[] {"personalCode", "validFrom", "validUntil"}) {
                copy(h, o, f, f);
            }
        }
        return write(out);
    }

}

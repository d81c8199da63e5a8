package lv.sargs.gateway.lookup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * Maps the registers' own JSON into the sections of the banks' standard structure (docs/protocols.md
 * §6): stable field names of our own, only the fields we vouch for, personal codes as 11 digits.
 * Runs once per register call; the result is what the cache keeps and hits splice.
 */
final class StandardSections {

    private static final ObjectMapper JSON = new ObjectMapper();

    private StandardSections() {
    }

    /** VISS legal entity → {@code registration}: identification, address, representatives. */
    static byte[] registration(byte[] viss) {
        JsonNode in = read(viss);
        ObjectNode out = JSON.createObjectNode();
        copy(in, out, "registrationNumber", "registrationNumber");
        copy(in, out, "legalName", "name");
        copy(in, out, "legalForm", "legalForm");
        copy(in, out, "status", "status");
        copy(in, out, "registeredOn", "registeredOn");
        if (in.has("address")) {
            out.set("address", address(in.get("address")));
        }
        ArrayNode reps = out.putArray("representatives");
        for (JsonNode o : in.path("officers")) {
            ObjectNode r = person(o.path("naturalPerson"));
            copy(o, r, "governingBody", "governingBody");
            copy(o, r, "position", "position");
            copy(o, r, "appointedOn", "appointedOn");
            copy(o, r, "rightsOfRepresentation", "rightsOfRepresentation");
            reps.add(r);
        }
        return write(out);
    }

    /** VISS beneficial owners → {@code beneficialOwners}. */
    static byte[] beneficialOwners(byte[] viss) {
        JsonNode in = read(viss);
        ObjectNode out = JSON.createObjectNode();
        ArrayNode owners = out.putArray("owners");
        for (JsonNode b : in.path("beneficialOwners")) {
            ObjectNode o = person(b.path("naturalPerson"));
            copy(b, o, "residenceCountry", "residenceCountry");
            copy(b, o, "controlType", "controlType");
            copy(b, o, "sharePercent", "sharePercent");
            copy(b, o, "registeredOn", "registeredOn");
            owners.add(o);
        }
        return write(out);
    }

    /** VISS insolvency proceedings → {@code insolvency}. */
    static byte[] insolvency(byte[] viss) {
        JsonNode in = read(viss);
        ObjectNode out = JSON.createObjectNode();
        ArrayNode list = out.putArray("proceedings");
        for (JsonNode p : in.path("insolvencyProceedings")) {
            ObjectNode o = list.addObject();
            for (String f : new String[] {"id", "kind", "status", "court", "administrator", "startedOn", "endedOn"}) {
                copy(p, o, f, f);
            }
        }
        out.put("ongoing", list.findValues("status").stream().anyMatch(s -> "ONGOING".equals(s.asText())));
        return write(out);
    }

    /** VISS natural person → {@code roles}: the person's roles in legal entities. */
    static byte[] roles(byte[] viss) {
        JsonNode in = read(viss);
        ObjectNode out = JSON.createObjectNode();
        copy(in, out, "forename", "forename");
        copy(in, out, "surname", "surname");
        ArrayNode roles = out.putArray("roles");
        for (JsonNode r : in.path("roles")) {
            ObjectNode o = roles.addObject();
            copy(r, o, "roleType", "role");
            JsonNode entity = r.path("legalEntity");
            copy(entity, o, "registrationNumber", "registrationNumber");
            copy(entity, o, "legalName", "name");
            copy(entity, o, "status", "entityStatus");
            for (String f : new String[] {"governingBody", "position", "appointedOn", "rightsOfRepresentation",
                    "controlType", "sharePercent", "registeredOn"}) {
                copy(r, o, f, f);
            }
        }
        return write(out);
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

    private static ObjectNode person(JsonNode p) {
        ObjectNode o = JSON.createObjectNode();
        copy(p, o, "latvianIdentityNumber", "personalCode");
        copy(p, o, "foreignerSystemAssignedNumber", "foreignerId");
        copy(p, o, "forename", "forename");
        copy(p, o, "surname", "surname");
        copy(p, o, "birthDate", "birthDate");
        return o;
    }

    private static ObjectNode address(JsonNode a) {
        ObjectNode o = JSON.createObjectNode();
        for (String f : new String[] {"text", "street", "house", "apartment", "city", "postcode", "country"}) {
            copy(a, o, f, f);
        }
        return o;
    }

    private static void copy(JsonNode from, ObjectNode to, String field, String as) {
        JsonNode v = from.get(field);
        if (v != null && !v.isNull()) {
            to.set(as, v);
        }
    }

    private static JsonNode read(byte[] json) {
        try {
            JsonNode node = JSON.readTree(json);
            if (node == null || !node.isObject()) {
                throw new RegisterAnswerException("expected a JSON object from the register, got "
                        + (node == null ? "nothing" : node.getNodeType()));
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new RegisterAnswerException("the register's answer is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new RegisterAnswerException("the register's answer cannot be read: " + e.getMessage());
        }
    }

    private static byte[] write(ObjectNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a standard section", e);
        }
    }
}

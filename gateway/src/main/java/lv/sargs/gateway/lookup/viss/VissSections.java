package lv.sargs.gateway.lookup.viss;

import static lv.sargs.gateway.lookup.SectionJson.JSON;
import static lv.sargs.gateway.lookup.SectionJson.address;
import static lv.sargs.gateway.lookup.SectionJson.copy;
import static lv.sargs.gateway.lookup.SectionJson.read;
import static lv.sargs.gateway.lookup.SectionJson.write;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Maps VISS's Enterprise Register JSON into the standard structure's company sections and a
 * person's roles (docs/protocols.md §6): stable field names of our own, personal codes as 11 digits.
 */
final class VissSections {

    private VissSections() {
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

    private static ObjectNode person(JsonNode p) {
        ObjectNode o = JSON.createObjectNode();
        copy(p, o, "latvianIdentityNumber", "personalCode");
        copy(p, o, "foreignerSystemAssignedNumber", "foreignerId");
        copy(p, o, "forename", "forename");
        copy(p, o, "surname", "surname");
        copy(p, o, "birthDate", "birthDate");
        return o;
    }

}

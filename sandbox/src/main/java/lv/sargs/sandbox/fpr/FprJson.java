package lv.sargs.sandbox.fpr;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import lv.sargs.sandbox.data.Address;
import lv.sargs.sandbox.data.Change;
import lv.sargs.sandbox.data.IdentityDocument;
import lv.sargs.sandbox.data.Person;
import lv.sargs.sandbox.server.SimulatorResponse;

/** The population register's JSON shapes in the DAGR style ({@code fpr_person} dataset; wire format chosen here). */
final class FprJson {

    private FprJson() {
    }

    /** A person; {@code requested} is the code asked for, which may be the previous one. */
    static ObjectNode person(Person p, String requested) {
        ObjectNode out = object().put("personalCode", p.personalCode());
        if (!requested.equals(p.personalCode())) {
            out.put("requestedPersonalCode", requested);
        }
        ArrayNode history = out.putArray("personalCodeHistory");
        p.codeChange().ifPresent(c -> history.addObject().put("personalCode", c.previousCode())
                .put("validUntil", c.changedOn().minusDays(1).toString()));
        history.addObject().put("personalCode", p.personalCode())
                .put("validFrom", p.codeChange().map(c -> c.changedOn().toString()).orElse(null));
        out.put("forename", p.forename())
                .put("surname", p.surname())
                .put("sex", p.sex().name())
                .put("birthDate", p.birthDate().toString())
                .put("status", p.status().name());
        p.deceasedOn().ifPresent(d -> out.put("deathDate", d.toString()));
        out.set("declaredAddress", address(p.address()));
        ArrayNode documents = out.putArray("documents");
        for (IdentityDocument d : p.documents()) {
            documents.addObject().put("type", d.type()).put("number", d.number())
                    .put("issuedOn", d.issuedOn().toString()).put("validUntil", d.validUntil().toString());
        }
        return out;
    }

    static ObjectNode changes(List<Change> changes, long nextCursor) {
        ObjectNode out = object();
        ArrayNode list = out.putArray("changes");
        for (Change c : changes) {
            list.addObject().put("personalCode", c.id()).put("changeType", c.type())
                    .put("changedAt", c.at().toString()).put("cursor", Long.toString(c.sequence()));
        }
        return out.put("nextCursor", Long.toString(nextCursor));
    }

    static SimulatorResponse error(int status, String code, String message) {
        return SimulatorResponse.json(status, object().put("code", code).put("message", message));
    }

    private static ObjectNode address(Address a) {
        ObjectNode node = object().put("text", a.text()).put("street", a.street()).put("house", a.house());
        if (a.apartment() != null) {
            node.put("apartment", a.apartment());
        }
        return node.put("city", a.city()).put("postcode", a.postcode());
    }

    private static ObjectNode object() {
        return SimulatorResponse.mapper().createObjectNode();
    }
}

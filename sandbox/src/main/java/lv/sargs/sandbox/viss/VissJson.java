package lv.sargs.sandbox.viss;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import lv.sargs.sandbox.data.Address;
import lv.sargs.sandbox.data.BeneficialOwner;
import lv.sargs.sandbox.data.Change;
import lv.sargs.sandbox.data.Company;
import lv.sargs.sandbox.data.InsolvencyProceeding;
import lv.sargs.sandbox.data.NaturalPersonRef;
import lv.sargs.sandbox.data.Officer;
import lv.sargs.sandbox.data.Person;
import lv.sargs.sandbox.server.SimulatorResponse;

/** The Enterprise Register's JSON shapes on the VISS gateway (field names per docs/protocols.md §1). */
final class VissJson {

    private VissJson() {
    }

    static ObjectNode legalEntity(Company c) {
        ObjectNode out = object()
                .put("registrationNumber", c.registrationNumber())
                .put("legalName", c.legalName())
                .put("legalForm", c.legalForm().abbreviation())
                .put("status", c.status().name())
                .put("registeredOn", c.registeredOn().toString());
        out.set("address", address(c.address()));
        ArrayNode officers = out.putArray("officers");
        for (Officer o : c.officers()) {
            ObjectNode node = officers.addObject();
            node.set("naturalPerson", person(o.person()));
            node.put("governingBody", o.governingBody())
                    .put("position", o.position())
                    .put("appointedOn", o.appointedOn().toString())
                    .put("rightsOfRepresentation", o.rightsOfRepresentation());
        }
        return out;
    }

    static ObjectNode beneficialOwners(Company c) {
        ObjectNode out = object().put("registrationNumber", c.registrationNumber());
        ArrayNode owners = out.putArray("beneficialOwners");
        for (BeneficialOwner b : c.beneficialOwners()) {
            ObjectNode node = owners.addObject();
            node.set("naturalPerson", person(b.person()));
            node.put("residenceCountry", b.residenceCountry())
                    .put("controlType", b.controlType())
                    .put("sharePercent", b.sharePercent())
                    .put("registeredOn", b.registeredOn().toString());
        }
        return out;
    }

    static ObjectNode insolvencyProceedings(Company c) {
        ObjectNode out = object().put("registrationNumber", c.registrationNumber());
        ArrayNode list = out.putArray("insolvencyProceedings");
        for (InsolvencyProceeding p : c.insolvencyProceedings()) {
            ObjectNode node = list.addObject()
                    .put("id", p.id())
                    .put("kind", p.kind())
                    .put("status", p.ongoing() ? "ONGOING" : "ENDED")
                    .put("court", p.court())
                    .put("administrator", p.administrator())
                    .put("startedOn", p.startedOn().toString());
            p.endedOn().ifPresent(d -> node.put("endedOn", d.toString()));
        }
        return out;
    }

    /** A person's roles: officer positions and beneficial ownerships, by any of their codes. */
    static ObjectNode naturalPerson(Person p, List<Company> entities) {
        ObjectNode out = object()
                .put("latvianIdentityNumber", p.personalCode())
                .put("forename", p.forename())
                .put("surname", p.surname())
                .put("birthDate", p.birthDate().toString());
        p.codeChange().ifPresent(c -> out.putArray("previousLatvianIdentityNumbers").add(c.previousCode()));
        ArrayNode roles = out.putArray("roles");
        for (Company c : entities) {
            for (Officer o : c.officers()) {
                if (isPerson(p, o.person())) {
                    legalEntityRef(roles.addObject().put("roleType", "OFFICER"), c)
                            .put("governingBody", o.governingBody())
                            .put("position", o.position())
                            .put("appointedOn", o.appointedOn().toString())
                            .put("rightsOfRepresentation", o.rightsOfRepresentation());
                }
            }
            for (BeneficialOwner b : c.beneficialOwners()) {
                if (isPerson(p, b.person())) {
                    legalEntityRef(roles.addObject().put("roleType", "BENEFICIAL_OWNER"), c)
                            .put("controlType", b.controlType())
                            .put("sharePercent", b.sharePercent())
                            .put("registeredOn", b.registeredOn().toString());
                }
            }
        }
        return out;
    }

    static ObjectNode changes(List<Change> changes, long nextCursor) {
        ObjectNode out = object();
        ArrayNode list = out.putArray("changes");
        for (Change c : changes) {
            list.addObject().put("registrationNumber", c.id()).put("changeType", c.type())
                    .put("changedAt", c.at().toString()).put("cursor", Long.toString(c.sequence()));
        }
        out.put("nextCursor", Long.toString(nextCursor));
        return out;
    }

    /** The error the register answers a lookup of a missing entity with: HTTP 400, not 404. */
    static SimulatorResponse error(String code, String message) {
        return SimulatorResponse.json(400, object().put("code", code).put("message", message));
    }

    private static ObjectNode legalEntityRef(ObjectNode node, Company c) {
        node.putObject("legalEntity").put("registrationNumber", c.registrationNumber())
                .put("legalName", c.legalName()).put("status", c.status().name());
        return node;
    }

    private static boolean isPerson(Person p, NaturalPersonRef ref) {
        String code = ref.latvianIdentityNumber();
        return code != null && (code.equals(p.personalCode())
                || p.codeChange().map(c -> c.previousCode().equals(code)).orElse(false));
    }

    private static ObjectNode person(NaturalPersonRef ref) {
        ObjectNode node = object();
        if (ref.latvianIdentityNumber() != null) {
            node.put("latvianIdentityNumber", ref.latvianIdentityNumber());
        } else {
            node.put("foreignerSystemAssignedNumber", ref.foreignerSystemAssignedNumber());
        }
        return node.put("forename", ref.forename()).put("surname", ref.surname())
                .put("birthDate", ref.birthDate().toString());
    }

    static ObjectNode address(Address a) {
        ObjectNode node = object().put("text", a.text()).put("street", a.street()).put("house", a.house());
        if (a.apartment() != null) {
            node.put("apartment", a.apartment());
        }
        return node.put("city", a.city()).put("postcode", a.postcode()).put("country", "LV");
    }

    private static ObjectNode object() {
        return SimulatorResponse.mapper().createObjectNode();
    }
}

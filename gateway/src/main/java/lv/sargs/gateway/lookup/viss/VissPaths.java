package lv.sargs.gateway.lookup.viss;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Every VISS business path Sargs calls (docs/protocols.md §1), under the upstream's base URI; one place. */
final class VissPaths {

    /** Legal entity by registration number. */
    static final String LEGAL_ENTITY = "/legalentity/v1.0/legal-entity/";
    /** A natural person's roles in entities, by personal code. */
    static final String NATURAL_PERSON = "/naturalperson/v1.0/natural-person/";
    /** The Enterprise Register's legal-entity changes feed. */
    static final String LEGAL_ENTITY_CHANGES = "/legalentity/v1.0/legal-entity-changes";

    private VissPaths() {
    }

    static String legalEntity(String registrationNumber) {
        return LEGAL_ENTITY + registrationNumber;
    }

    static String beneficialOwners(String registrationNumber) {
        return LEGAL_ENTITY + registrationNumber + "/beneficial-owners";
    }

    static String insolvencyProceedings(String registrationNumber) {
        return LEGAL_ENTITY + registrationNumber + "/insolvency-proceedings";
    }

    static String naturalPerson(String personalCode) {
        return NATURAL_PERSON + personalCode;
    }

    /** The changes after {@code cursor}, 500 a page. */
    static String changes(String cursor) {
        return LEGAL_ENTITY_CHANGES + "?from=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8) + "&limit=500";
    }
}

package lv.sargs.gateway.lookup;

import java.util.ArrayList;
import java.util.List;

/**
 * The sections of the banks' association's two standard answers (docs/protocols.md §6), in the order
 * they are written; registers declare which they answer, and a section no connected register
 * answers is still written, marked not connected.
 */
public enum StandardSection {

    COMPANY_REGISTRATION(Subject.COMPANY, "registration", true),
    COMPANY_BENEFICIAL_OWNERS(Subject.COMPANY, "beneficialOwners", false),
    COMPANY_INSOLVENCY(Subject.COMPANY, "insolvency", false),
    COMPANY_TAX_DATA(Subject.COMPANY, "taxData", false),
    COMPANY_CONTACTS(Subject.COMPANY, "contacts", false),
    PERSON_POPULATION(Subject.PERSON, "population", true),
    PERSON_ROLES(Subject.PERSON, "roles", true),
    PERSON_TAX_DATA(Subject.PERSON, "taxData", false);

    /** Whom a standard answer is about. */
    public enum Subject { COMPANY, PERSON }

    private final Subject subject;
    private final String jsonName;
    private final boolean identifying;

    StandardSection(Subject subject, String jsonName, boolean identifying) {
        this.subject = subject;
        this.jsonName = jsonName;
        this.identifying = identifying;
    }

    /** The answer this section belongs to. */
    public Subject subject() {
        return subject;
    }

    /** The section's member name under {@code parts}. */
    public String jsonName() {
        return jsonName;
    }

    /**
     * Whether the section may identify the subject: the first connected one of these leads the
     * answer and decides its status (the population register identifies a person; without it,
     * the roles VISS knows do).
     */
    public boolean identifying() {
        return identifying;
    }

    /** The sections of {@code subject}'s answer in the standard's order. */
    public static List<StandardSection> of(Subject subject) {
        List<StandardSection> out = new ArrayList<>();
        for (StandardSection s : values()) {
            if (s.subject == subject) {
                out.add(s);
            }
        }
        return out;
    }
}

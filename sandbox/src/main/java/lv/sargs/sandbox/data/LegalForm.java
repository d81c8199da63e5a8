package lv.sargs.sandbox.data;

/** Legal forms the generated world uses, with the register's abbreviation and Latvian name. */
public enum LegalForm {
    SIA("SIA", "Sabiedrība ar ierobežotu atbildību"),
    AS("AS", "Akciju sabiedrība"),
    IK("IK", "Individuālais komersants"),
    BIEDRIBA("Biedrība", "Biedrība"),
    NODIBINAJUMS("Nodibinājums", "Nodibinājums"),
    IESTADE("Iestāde", "Valsts vai pašvaldības iestāde");

    private final String abbreviation;
    private final String latvianName;

    LegalForm(String abbreviation, String latvianName) {
        this.abbreviation = abbreviation;
        this.latvianName = latvianName;
    }

    /** The short form placed before a company name, e.g. {@code SIA}. */
    public String abbreviation() {
        return abbreviation;
    }

    /** The full Latvian name of the form. */
    public String latvianName() {
        return latvianName;
    }
}

package lv.sargs.gateway.treasury.xml;

/**
 * The ISO 20022 messages exchanged with eKase, each with its namespace and its schema under
 * this package's resources (Sargs subsets, see {@code docs/treasury.md}).
 */
public enum IsoMessage {
    PAIN_001("pain.001.001.03"),
    PAIN_002("pain.002.001.03"),
    CAMT_052("camt.052.001.02"),
    CAMT_053("camt.053.001.02"),
    CAMT_054("camt.054.001.02"),
    CAMT_060("camt.060.001.03");

    private final String id;

    IsoMessage(String id) {
        this.id = id;
    }

    /** The message identifier, e.g. {@code pain.001.001.03}, as in {@code OrgnlMsgNmId}. */
    public String id() {
        return id;
    }

    /** The document namespace, {@code urn:iso:std:iso:20022:tech:xsd:<id>}. */
    public String namespace() {
        return "urn:iso:std:iso:20022:tech:xsd:" + id;
    }

    /** The message with identifier {@code id}. */
    public static IsoMessage of(String id) {
        for (IsoMessage m : values()) {
            if (m.id.equals(id)) {
                return m;
            }
        }
        throw new IllegalArgumentException("ISO 20022 message: " + id + " (expected one of pain.001.001.03, "
                + "pain.002.001.03, camt.052.001.02, camt.053.001.02, camt.054.001.02, camt.060.001.03)");
    }

    @Override
    public String toString() {
        return id;
    }
}

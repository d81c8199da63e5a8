package lv.sargs.sandbox.ekase;

/**
 * The ISO 20022 messages the simulated eKase reads and writes, named and namespaced as the
 * standard does; the simulator's own list, so that it shares nothing with the gateway it tests.
 */
enum SimMessage {
    PAIN_001("pain.001.001.03"),
    PAIN_002("pain.002.001.03"),
    CAMT_052("camt.052.001.02"),
    CAMT_053("camt.053.001.02"),
    CAMT_054("camt.054.001.02"),
    CAMT_060("camt.060.001.03");

    private final String id;

    SimMessage(String id) {
        this.id = id;
    }

    /** The message identifier, e.g. {@code pain.001.001.03}. */
    String id() {
        return id;
    }

    /** The document namespace. */
    String namespace() {
        return "urn:iso:std:iso:20022:tech:xsd:" + id;
    }
}

package lv.sargs.gateway.lookup;

/** What a register said about a subject: the data, or that it does not know the subject. */
public sealed interface Fetched {

    /** The register's data, already mapped to the part's standard JSON. */
    record Found(byte[] json) implements Fetched {
    }

    /** The register does not know the subject (e.g. VISS {@code ENTITY_NOT_FOUND}). */
    record NotFound() implements Fetched {
    }
}

package lv.sargs.sandbox.data;

import java.time.Instant;

/**
 * One entry of a register's change log, as the changes feeds publish it.
 *
 * @param sequence position in the world's log, strictly increasing; feeds use it as the cursor
 * @param at when the change was recorded
 * @param subject which register the change belongs to
 * @param id the changed record's key: a registration number or a (current) personal code
 * @param type what changed, e.g. {@code LEGAL_NAME}, {@code OFFICERS}, {@code PERSONAL_CODE}
 */
public record Change(long sequence, Instant at, Subject subject, String id, String type) {

    /** The register a change belongs to. */
    public enum Subject { LEGAL_ENTITY, NATURAL_PERSON }
}

package lv.sargs.sandbox.data;

import java.time.LocalDate;

/**
 * An officer of a legal entity: a member of one of its governing bodies.
 *
 * @param person who
 * @param governingBody {@code EXECUTIVE_BOARD} or {@code SUPERVISORY_COUNCIL}
 * @param position e.g. {@code CHAIR_OF_BOARD}, {@code BOARD_MEMBER}, {@code CHAIR_OF_COUNCIL}, {@code COUNCIL_MEMBER}
 * @param appointedOn appointment date
 * @param rightsOfRepresentation {@code INDIVIDUALLY}, {@code JOINTLY_WITH_ANOTHER_BOARD_MEMBER},
 *     {@code JOINTLY_WITH_ALL_BOARD_MEMBERS}, or {@code NONE} for council members
 */
public record Officer(NaturalPersonRef person, String governingBody, String position, LocalDate appointedOn,
                      String rightsOfRepresentation) {
}

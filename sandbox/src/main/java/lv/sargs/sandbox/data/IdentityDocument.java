package lv.sargs.sandbox.data;

import java.time.LocalDate;

/**
 * A personal identity document.
 *
 * @param type {@code PASSPORT} or {@code ID_CARD}
 * @param number the document number, two letters and seven digits
 * @param issuedOn issue date
 * @param validUntil last day of validity
 */
public record IdentityDocument(String type, String number, LocalDate issuedOn, LocalDate validUntil) {
}

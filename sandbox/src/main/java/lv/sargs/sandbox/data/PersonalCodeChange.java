package lv.sargs.sandbox.data;

import java.time.LocalDate;

/**
 * The one change a personal code may undergo: from the old format to the new one.
 *
 * @param previousCode the old-format code, eleven digits
 * @param changedOn the day the new code took effect
 */
public record PersonalCodeChange(String previousCode, LocalDate changedOn) {
}

package lv.sargs.gateway.identifiers;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;

/**
 * A Latvian personal code (personas kods), validated per docs/protocols.md §5: the old
 * {@code DDMMYY-CNNNZ} format with its check digit and a real birth date, or the new format
 * ({@code 3} then 2–9, then nine digits) that carries no checksum and must never be rejected on one.
 *
 * @param digits the eleven digits, without the optional hyphen
 */
public record PersonalCode(String digits) {

    private static final int[] WEIGHTS = {1, 6, 3, 7, 9, 10, 5, 8, 4, 2};

    /** Validates the canonical form; use {@link #parse} for input that may carry a hyphen. */
    public PersonalCode {
        String problem = problem(digits);
        if (problem != null) {
            throw new InvalidIdentifierException(InvalidIdentifierException.Kind.PERSONAL_CODE, digits, problem);
        }
    }

    /** Parses eleven digits with an optional hyphen after the sixth. */
    public static PersonalCode parse(String input) {
        return new PersonalCode(strip(input));
    }

    /** Whether {@code input} (hyphen optional) is a valid personal code of either format. */
    public static boolean isValid(String input) {
        return input != null && problem(strip(input)) == null;
    }

    /** Whether this code is of the post-2017 format, which encodes no birth date. */
    public boolean isNewFormat() {
        return isNewFormatShape(digits);
    }

    /** The birth date an old-format code encodes; empty for the new format. */
    public Optional<LocalDate> birthDate() {
        return isNewFormat() ? Optional.empty() : Optional.of(decodeBirthDate(digits));
    }

    /** The display form: old-format codes with the hyphen after the sixth digit, new-format as is. */
    public String formatted() {
        return isNewFormat() ? digits : digits.substring(0, 6) + "-" + digits.substring(6);
    }

    /**
     * The old-format code for a birth date and a three-digit serial, check digit included.
     *
     * @throws IllegalArgumentException when the year is outside 1800–2099 or the serial outside 0–999
     */
    public static PersonalCode oldFormat(LocalDate birthDate, int serial) {
        int year = birthDate.getYear();
        if (year < 1800 || year > 2099) {
            throw new IllegalArgumentException("birthDate: " + birthDate + " (expected: year 1800-2099)");
        }
        if (serial < 0 || serial > 999) {
            throw new IllegalArgumentException("serial: " + serial + " (expected: 0-999)");
        }
        String ten = String.format(java.util.Locale.ROOT, "%02d%02d%02d%d%03d", birthDate.getDayOfMonth(),
                birthDate.getMonthValue(), year % 100, (year - 1800) / 100, serial);
        return new PersonalCode(ten + checkDigit(ten));
    }

    /** The old-format check digit over the first ten digits: ((1101 − Σ wᵢ·dᵢ) mod 11) mod 10. */
    public static int checkDigit(CharSequence firstTen) {
        if (firstTen.length() < 10) {
            throw new IllegalArgumentException("firstTen: " + firstTen + " (expected: at least 10 digits)");
        }
        int sum = 0;
        for (int i = 0; i < 10; i++) {
            sum += WEIGHTS[i] * Character.digit(firstTen.charAt(i), 10);
        }
        return Math.floorMod(1101 - sum, 11) % 10;
    }

    @Override
    public String toString() {
        return formatted();
    }

    private static String strip(String input) {
        if (input != null && input.length() == 12 && input.charAt(6) == '-') {
            return input.substring(0, 6) + input.substring(7);
        }
        return input;
    }

    private static boolean isNewFormatShape(String d) {
        return d.charAt(0) == '3' && d.charAt(1) >= '2' && d.charAt(1) <= '9';
    }

    private static String problem(String d) {
        if (d == null || d.length() != 11 || !d.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return "11 digits, optionally with a hyphen after the sixth";
        }
        if (isNewFormatShape(d)) {
            return null;
        }
        if (d.charAt(6) > '2') {
            return "century digit 0, 1 or 2 at position 7, or a new-format code starting 32-39";
        }
        try {
            decodeBirthDate(d);
        } catch (DateTimeException e) {
            return "a real birth date in the first six digits";
        }
        if (checkDigit(d) != d.charAt(10) - '0') {
            return "check digit " + checkDigit(d);
        }
        return null;
    }

    private static LocalDate decodeBirthDate(String d) {
        int day = Integer.parseInt(d.substring(0, 2));
        int month = Integer.parseInt(d.substring(2, 4));
        int year = 1800 + 100 * (d.charAt(6) - '0') + Integer.parseInt(d.substring(4, 6));
        return LocalDate.of(year, month, day);
    }
}

package lv.sargs.gateway.identifiers;

import java.util.Locale;
import java.util.Optional;

/**
 * A Latvian IBAN (docs/protocols.md §5): {@code LV}, two check digits, the first four letters of the
 * bank's BIC and thirteen alphanumeric characters, 21 in all, valid under ISO 7064 MOD 97-10.
 *
 * @param value the IBAN in electronic form (upper case, no spaces)
 */
public record Iban(String value) {

    private static final int LENGTH = 21;
    private static final java.util.regex.Pattern ANY_SHAPE = java.util.regex.Pattern.compile("[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}");

    /** Validates length, country, bank code shape and the MOD 97-10 check. */
    public Iban {
        String problem = latvianProblem(value);
        if (problem != null) {
            throw new InvalidIdentifierException(InvalidIdentifierException.Kind.IBAN, value, problem);
        }
    }

    /** Parses an IBAN that may be in print form (groups of four separated by spaces, any case). */
    public static Iban parse(String input) {
        return new Iban(input == null ? null : input.replace(" ", "").toUpperCase(Locale.ROOT));
    }

    /** Whether {@code input} (print or electronic form) is a valid LV IBAN. */
    public static boolean isValid(String input) {
        return input != null && latvianProblem(input.replace(" ", "").toUpperCase(Locale.ROOT)) == null;
    }

    /**
     * What is wrong with an IBAN of any country in electronic form — ISO 13616 shape, the
     * country's length ({@link IbanLengths}), for LV the 21-character layout, MOD 97-10 — as
     * {@code "<value> (expected: ...)"}; empty when valid.
     * Payments may go to foreign accounts; an LV {@code Iban} record is stricter.
     */
    public static Optional<String> problem(String iban) {
        if (iban == null || !ANY_SHAPE.matcher(iban).matches()) {
            // Not even the shape: the value may hold anything a client sent, so it is shown escaped and shortened.
            return Optional.of(lv.sargs.gateway.text.ClientValues.forText(String.valueOf(iban))
                    + " (expected: an IBAN, capital letters and digits without spaces)");
        }
        if (iban.startsWith("LV")) {
            String lv = latvianProblem(iban);
            return lv == null ? Optional.empty() : Optional.of(iban + " (expected: " + lv + ")");
        }
        String country = iban.substring(0, 2);
        java.util.OptionalInt length = IbanLengths.of(country);
        if (length.isEmpty()) {
            return Optional.of(iban + " (expected: an IBAN of a country in the IBAN registry; " + country + " is not)");
        }
        if (iban.length() != length.getAsInt()) {
            return Optional.of(iban + " (expected: " + length.getAsInt() + " characters for " + country + ", not "
                    + iban.length() + ")");
        }
        return mod97(iban.substring(4) + iban.substring(0, 4)) == 1 ? Optional.empty()
                : Optional.of(iban + " (expected: valid check digits, ISO 7064 MOD 97-10)");
    }

    /** The 4-letter bank code of a valid Latvian IBAN string, e.g. {@code TREL}. */
    public static String bankCode(String latvianIban) {
        return latvianIban.substring(4, 8);
    }

    /** The LV IBAN for a bank code (four letters of the BIC) and a 13-character account, check digits computed. */
    public static Iban of(String bankCode, String account) {
        String bban = bankCode + account;
        if (bban.length() != LENGTH - 4) {
            throw new IllegalArgumentException("bankCode+account: " + bban + " (expected: 4 letters + 13 characters)");
        }
        int check = 98 - mod97(bban + "LV00");
        return new Iban(String.format(Locale.ROOT, "LV%02d%s", check, bban));
    }

    /** The bank code: the first four letters of the bank's BIC. */
    public String bankCode() {
        return value.substring(4, 8);
    }

    /** The print form, in groups of four. */
    public String formatted() {
        StringBuilder out = new StringBuilder(LENGTH + 5);
        for (int i = 0; i < value.length(); i += 4) {
            if (i > 0) {
                out.append(' ');
            }
            out.append(value, i, Math.min(i + 4, value.length()));
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return value;
    }

    private static String latvianProblem(String v) {
        if (v == null || v.length() != LENGTH || !v.startsWith("LV")) {
            return "LV and 19 more characters";
        }
        if (!Character.isDigit(v.charAt(2)) || !Character.isDigit(v.charAt(3))) {
            return "two check digits after LV";
        }
        for (int i = 4; i < 8; i++) {
            if (v.charAt(i) < 'A' || v.charAt(i) > 'Z') {
                return "four letters of the bank's BIC after the check digits";
            }
        }
        for (int i = 8; i < LENGTH; i++) {
            char c = v.charAt(i);
            if (!(c >= '0' && c <= '9') && !(c >= 'A' && c <= 'Z')) {
                return "13 letters or digits as the account";
            }
        }
        return mod97(v.substring(4) + v.substring(0, 4)) == 1 ? null : "valid check digits, ISO 7064 MOD 97-10";
    }

    /** MOD 97 over the string with letters expanded to 10–35, computed digit by digit to stay in an int. */
    private static int mod97(String s) {
        int rest = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                rest = (rest * 10 + (c - '0')) % 97;
            } else {
                rest = (rest * 100 + (c - 'A' + 10)) % 97;
            }
        }
        return rest;
    }
}

package lv.sargs.gateway.treasury;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * IBAN checks for Treasury payments: ISO 13616 shape, ISO 7064 MOD 97-10 check digits, and for
 * Latvia the 21-character {@code LVkk BBBB ccccccccccccc} layout. Kept here until the lead moves
 * the identifier classes (now {@code lv.sargs.sandbox.ids.Iban}) into the gateway.
 */
public final class Iban {

    private static final Pattern SHAPE = Pattern.compile("[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}");
    private static final Pattern LATVIAN = Pattern.compile("LV[0-9]{2}[A-Z]{4}[A-Z0-9]{13}");

    private Iban() {
    }

    /** What is wrong with {@code iban}, as {@code "<value> (expected: ...)"}; empty when it is valid. */
    public static Optional<String> problem(String iban) {
        if (iban == null || !SHAPE.matcher(iban).matches()) {
            return Optional.of(iban + " (expected: an IBAN, capital letters and digits without spaces)");
        }
        if (iban.startsWith("LV") && !LATVIAN.matcher(iban).matches()) {
            return Optional.of(iban + " (expected: LV, 2 check digits, a 4-letter bank code and 13 characters)");
        }
        if (mod97(iban) != 1) {
            return Optional.of(iban + " (expected: valid check digits, ISO 7064 MOD 97-10)");
        }
        return Optional.empty();
    }

    /** Whether {@code iban} is valid. */
    public static boolean isValid(String iban) {
        return problem(iban).isEmpty();
    }

    /** The 4-letter bank code of a Latvian IBAN, e.g. {@code TREL}. */
    public static String bankCode(String iban) {
        return iban.substring(4, 8);
    }

    private static int mod97(String iban) {
        String rearranged = iban.substring(4) + iban.substring(0, 4);
        int remainder = 0;
        for (int i = 0; i < rearranged.length(); i++) {
            int value = Character.digit(rearranged.charAt(i), 36);
            remainder = value > 9 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97;
        }
        return remainder;
    }
}

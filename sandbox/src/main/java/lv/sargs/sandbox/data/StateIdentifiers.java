package lv.sargs.sandbox.data;

import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The simulators' own reading of the Latvian identifiers they serve: personal codes (old format
 * with its check digit, new format 32–39 without one), registration numbers (weighted sum mod 11 =
 * 3) and LV IBANs (ISO 7064 MOD 97-10); written apart from the gateway's, so that a mistake in one
 * fails a test against the other.
 */
public final class StateIdentifiers {

    private static final int[] PERSONAL_CODE_WEIGHTS = {1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final int[] REGISTRATION_WEIGHTS = {9, 1, 4, 8, 3, 10, 2, 5, 7, 6, 1};
    private static final BigInteger NINETY_SEVEN = BigInteger.valueOf(97);

    private StateIdentifiers() {
    }

    /** The eleven digits of a personal code typed with or without its hyphen, or empty when it is no valid code. */
    public static Optional<String> personalCodeDigits(String typed) {
        if (typed == null) {
            return Optional.empty();
        }
        String digits = typed.length() == 12 && typed.charAt(6) == '-'
                ? typed.substring(0, 6) + typed.substring(7) : typed;
        return isPersonalCodeDigits(digits) ? Optional.of(digits) : Optional.empty();
    }

    /** Whether a personal code typed with or without its hyphen is valid. */
    public static boolean isPersonalCode(String typed) {
        return personalCodeDigits(typed).isPresent();
    }

    /** The old-format personal code (eleven digits) of a birth date (1800–2099) and a serial (0–999). */
    public static String oldFormatPersonalCode(LocalDate birth, int serial) {
        if (birth.getYear() < 1800 || birth.getYear() > 2099 || serial < 0 || serial > 999) {
            throw new IllegalArgumentException("birth " + birth + ", serial " + serial
                    + " (expected: year 1800-2099, serial 0-999)");
        }
        int century = (birth.getYear() - 1800) / 100;
        String firstTen = twoDigits(birth.getDayOfMonth()) + twoDigits(birth.getMonthValue())
                + twoDigits(birth.getYear() % 100) + century + threeDigits(serial);
        return firstTen + personalCheckDigit(firstTen);
    }

    /** Whether eleven digits form a valid registration number (prefix 4, 5 or 9; checksum). */
    public static boolean isRegistrationNumber(String digits) {
        if (!allDigits(digits, 11)) {
            return false;
        }
        char prefix = digits.charAt(0);
        if (prefix != '4' && prefix != '5' && prefix != '9') {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 11; i++) {
            sum += REGISTRATION_WEIGHTS[i] * (digits.charAt(i) - '0');
        }
        return sum % 11 == 3;
    }

    /** Ten digits completed by the one last digit that makes a valid registration number, if there is one. */
    public static Optional<String> completeRegistrationNumber(String firstTen) {
        for (char last = '0'; last <= '9'; last++) {
            if (isRegistrationNumber(firstTen + last)) {
                return Optional.of(firstTen + last);
            }
        }
        return Optional.empty();
    }

    /** The LV IBAN of a bank code (four letters) and a thirteen-character account, check digits computed. */
    public static String latvianIban(String bankCode, String account) {
        String bban = bankCode + account;
        if (bban.length() != 17) {
            throw new IllegalArgumentException("bank code and account: " + bban + " (expected: 4 + 13 characters)");
        }
        int check = 98 - numericForm(bban + "LV00").mod(NINETY_SEVEN).intValue();
        return "LV" + twoDigits(check) + bban;
    }

    private static boolean isPersonalCodeDigits(String digits) {
        if (!allDigits(digits, 11)) {
            return false;
        }
        if (digits.charAt(0) == '3' && digits.charAt(1) >= '2') {
            return true; // the new format (since 2017) carries neither a birth date nor a check digit
        }
        if (digits.charAt(6) > '2') {
            return false;
        }
        try {
            LocalDate.of(1800 + 100 * (digits.charAt(6) - '0') + Integer.parseInt(digits.substring(4, 6)),
                    Integer.parseInt(digits.substring(2, 4)), Integer.parseInt(digits.substring(0, 2)));
        } catch (DateTimeException notADate) {
            return false;
        }
        return personalCheckDigit(digits.substring(0, 10)) == digits.charAt(10) - '0';
    }

    private static int personalCheckDigit(String firstTen) {
        int sum = 0;
        for (int i = 0; i < 10; i++) {
            sum += PERSONAL_CODE_WEIGHTS[i] * (firstTen.charAt(i) - '0');
        }
        return ((1101 - sum) % 11 + 11) % 11 % 10;
    }

    /** The IBAN's characters as one number: digits as they are, letters as 10–35 (ISO 13616). */
    private static BigInteger numericForm(String chars) {
        StringBuilder number = new StringBuilder(chars.length() * 2);
        for (char c : chars.toCharArray()) {
            number.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
        }
        return new BigInteger(number.toString());
    }

    private static boolean allDigits(String s, int length) {
        if (s == null || s.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static String twoDigits(int n) {
        return n < 10 ? "0" + n : Integer.toString(n);
    }

    private static String threeDigits(int n) {
        return n < 10 ? "00" + n : n < 100 ? "0" + n : Integer.toString(n);
    }
}

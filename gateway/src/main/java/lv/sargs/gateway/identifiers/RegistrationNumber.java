package lv.sargs.gateway.identifiers;

/**
 * A Latvian legal entity registration number (docs/protocols.md §5): eleven digits, prefix 4 or 5
 * (Enterprise Register) or 9 (State Revenue Service), valid when Σ wᵢ·dᵢ mod 11 = 3.
 *
 * @param digits the eleven digits
 */
public record RegistrationNumber(String digits) {

    private static final int[] WEIGHTS = {9, 1, 4, 8, 3, 10, 2, 5, 7, 6, 1};

    /** Validates format, prefix and checksum. */
    public RegistrationNumber {
        String problem = problem(digits);
        if (problem != null) {
            throw new InvalidIdentifierException(InvalidIdentifierException.Kind.REGISTRATION_NUMBER, digits,
                    problem);
        }
    }

    /** Whether {@code input} is a valid registration number. */
    public static boolean isValid(String input) {
        return problem(input) == null;
    }

    /**
     * Completes ten digits with the last digit that makes the checksum hold, or returns empty when no
     * digit does (about one prefix in eleven has none).
     */
    public static java.util.Optional<RegistrationNumber> complete(String firstTen) {
        if (firstTen == null || firstTen.length() != 10) {
            throw new IllegalArgumentException("firstTen: " + firstTen + " (expected: 10 digits)");
        }
        for (char last = '0'; last <= '9'; last++) {
            String candidate = firstTen + last;
            if (problem(candidate) == null) {
                return java.util.Optional.of(new RegistrationNumber(candidate));
            }
        }
        return java.util.Optional.empty();
    }

    @Override
    public String toString() {
        return digits;
    }

    private static String problem(String d) {
        if (d == null || d.length() != 11 || !d.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return "11 digits";
        }
        char prefix = d.charAt(0);
        if (prefix != '4' && prefix != '5' && prefix != '9') {
            return "prefix 4, 5 or 9";
        }
        int sum = 0;
        for (int i = 0; i < 11; i++) {
            sum += WEIGHTS[i] * (d.charAt(i) - '0');
        }
        return sum % 11 == 3 ? null : "weighted sum mod 11 = 3, got " + sum % 11;
    }
}

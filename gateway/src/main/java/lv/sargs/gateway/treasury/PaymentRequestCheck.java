package lv.sargs.gateway.treasury;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import lv.sargs.gateway.identifiers.Iban;

/**
 * Checks a JSON payment request field by field against the official constraints of the pain.001
 * element each field becomes, before any XML exists: types (a number where a string belongs is
 * refused, never coerced), lengths (Max140Text, Max35Text), the amount grammar, code lists, BIC
 * and IBAN shapes with each country's IBAN length, and no control characters. Every problem is
 * listed as {@code <JSON path>: <what was found> (expected: <what is accepted>)}.
 */
final class PaymentRequestCheck {

    /**
     * An amount: ASCII digits without leading zeros, at most two decimals, at most 16 integer
     * digits (the ISO type has 18 digits in all). The canonical form of the official type
     * (xs:decimal) has no sign, no exponent and no leading zero, so neither does Sargs accept one.
     */
    static final Pattern AMOUNT = Pattern.compile("(0|[1-9][0-9]{0,15})(\\.[0-9]{1,2})?");
    /** BICIdentifier of ISO 20022: 8 or 11 characters. */
    static final Pattern BIC = Pattern.compile("[A-Z]{6}[A-Z2-9][A-NP-Z0-9]([A-Z0-9]{3})?");
    static final int MAX_TRANSFERS = 1000;

    private static final Set<String> TOP = Set.of("debtor", "ultimateDebtor", "requestedExecutionDate", "transfers");
    private static final Set<String> TRANSFER = Set.of("amount", "currency", "creditor", "creditorBic",
            "ultimateDebtor", "remittanceInformation", "ekk", "amk");
    private static final Set<String> PARTY = Set.of("name", "iban");
    private static final int MAX_SHOWN = 40;

    private final List<String> problems = new ArrayList<>();

    private PaymentRequestCheck() {
    }

    /** Every problem of {@code request}, in document order; empty when it can be written as a pain.001. */
    static List<String> problems(JsonNode request) {
        PaymentRequestCheck check = new PaymentRequestCheck();
        check.request(request);
        return List.copyOf(check.problems);
    }

    private void request(JsonNode request) {
        if (!request.isObject()) {
            problems.add("$: " + request.getNodeType() + " (expected: a JSON object)");
            return;
        }
        unknown("$", request, TOP);
        party("$.debtor", request.get("debtor"), true, true);
        debtorAtTreasury(request.path("debtor").path("iban"));
        party("$.ultimateDebtor", request.get("ultimateDebtor"), false, false);
        JsonNode date = request.get("requestedExecutionDate");
        if (date != null && !date.isNull()) {
            String value = string("$.requestedExecutionDate", date, 10);
            if (value != null) {
                try {
                    if (!value.matches("[0-9]{4}-[0-9]{2}-[0-9]{2}")) {
                        throw new DateTimeParseException("shape", value, 0);
                    }
                    LocalDate.parse(value);
                } catch (DateTimeParseException e) {
                    problems.add("$.requestedExecutionDate: " + shown(value) + " (expected: a date YYYY-MM-DD)");
                }
            }
        }
        JsonNode transfers = request.get("transfers");
        if (transfers == null || !transfers.isArray() || transfers.isEmpty() || transfers.size() > MAX_TRANSFERS) {
            problems.add("$.transfers: " + (transfers == null ? "missing" : transfers.isArray() ? transfers.size()
                    + " items" : kind(transfers)) + " (expected: an array of 1-" + MAX_TRANSFERS + " transfers)");
            return;
        }
        for (int i = 0; i < transfers.size(); i++) {
            transfer("$.transfers[" + i + "]", transfers.get(i));
        }
    }

    private void transfer(String at, JsonNode t) {
        if (!t.isObject()) {
            problems.add(at + ": " + kind(t) + " (expected: a JSON object)");
            return;
        }
        unknown(at, t, TRANSFER);
        JsonNode amount = t.get("amount");
        if (amount == null || amount.isNull()) {
            problems.add(at + ".amount: missing (expected: a decimal string such as \"100.00\")");
        } else if (!amount.isTextual()) {
            problems.add(at + ".amount: " + kind(amount) + " " + shown(amount.toString())
                    + " (expected: a decimal string such as \"100.00\", not a JSON number)");
        } else if (!AMOUNT.matcher(amount.asText()).matches()) {
            problems.add(at + ".amount: \"" + shown(amount.asText()) + "\" (expected: digits 0-9 without a leading zero,"
                    + " optionally '.' and 1-2 decimals, e.g. \"100.00\"; no sign, exponent or other digits)");
        } else if (amount.asText().matches("0(\\.0{1,2})?")) {
            problems.add(at + ".amount: \"" + amount.asText() + "\" (expected: more than 0)");
        }
        JsonNode currency = t.get("currency");
        if (currency != null && !currency.isNull()) {
            String value = string(at + ".currency", currency, 3);
            if (value != null && !"EUR".equals(value)) {
                problems.add(at + ".currency: \"" + shown(value) + "\" (expected: EUR)");
            }
        }
        party(at + ".creditor", t.get("creditor"), true, true);
        JsonNode bic = t.get("creditorBic");
        if (bic != null && !bic.isNull()) {
            String value = string(at + ".creditorBic", bic, 11);
            if (value != null && !BIC.matcher(value).matches()) {
                problems.add(at + ".creditorBic: \"" + shown(value) + "\" (expected: a BIC of 8 or 11 capital letters"
                        + " and digits, e.g. TRELLV22)");
            }
        }
        party(at + ".ultimateDebtor", t.get("ultimateDebtor"), false, false);
        optional(at + ".remittanceInformation", t.get("remittanceInformation"), 140, null, null);
        optional(at + ".ekk", t.get("ekk"), 4, TreasuryRules.EKK, "4 digits");
        optional(at + ".amk", t.get("amk"), 3, TreasuryRules.AMK, "3 digits");
    }

    private void party(String at, JsonNode party, boolean required, boolean ibanRequired) {
        if (party == null || party.isNull()) {
            if (required) {
                problems.add(at + ": missing (expected: an object with name" + (ibanRequired ? " and iban)" : ")"));
            }
            return;
        }
        if (!party.isObject()) {
            problems.add(at + ": " + kind(party) + " (expected: a JSON object)");
            return;
        }
        unknown(at, party, PARTY);
        JsonNode name = party.get("name");
        if (name == null || name.isNull()) {
            problems.add(at + ".name: missing (expected: text of 1-140 characters)");
        } else {
            string(at + ".name", name, 140);
        }
        JsonNode iban = party.get("iban");
        if (iban == null || iban.isNull()) {
            if (ibanRequired) {
                problems.add(at + ".iban: missing (expected: an IBAN)");
            }
            return;
        }
        String value = string(at + ".iban", iban, 34);
        if (value != null) {
            Iban.problem(value).ifPresent(p -> problems.add(at + ".iban: " + p));
        }
    }

    private void debtorAtTreasury(JsonNode iban) {
        if (iban.isTextual() && Iban.problem(iban.asText()).isEmpty()
                && !(iban.asText().startsWith("LV") && TreasuryRules.TREASURY_BANK_CODE.equals(Iban.bankCode(iban.asText())))) {
            problems.add("$.debtor.iban: " + iban.asText() + " (expected: a Treasury account, LVkk"
                    + TreasuryRules.TREASURY_BANK_CODE + "…)");
        }
    }

    private void optional(String at, JsonNode node, int maxLength, Pattern shape, String shapeText) {
        if (node == null || node.isNull()) {
            return;
        }
        String value = string(at, node, maxLength);
        if (value != null && shape != null && !shape.matcher(value).matches()) {
            problems.add(at + ": \"" + shown(value) + "\" (expected: " + shapeText + ")");
        }
    }

    /** The text of a string field within its length and free of control characters; else a problem and null. */
    private String string(String at, JsonNode node, int maxLength) {
        if (!node.isTextual()) {
            problems.add(at + ": " + kind(node) + " " + shown(node.toString()) + " (expected: a JSON string)");
            return null;
        }
        String value = node.asText();
        int length = value.codePointCount(0, value.length());
        if (length == 0 || value.isBlank()) {
            problems.add(at + ": empty (expected: 1-" + maxLength + " characters)");
            return null;
        }
        if (length > maxLength) {
            problems.add(at + ": " + length + " characters (expected: at most " + maxLength + ")");
            return null;
        }
        Optional<String> bad = forbidden(value);
        if (bad.isPresent()) {
            problems.add(at + ": contains " + bad.get() + " (expected: no control characters)");
            return null;
        }
        return value;
    }

    /** The first character an XML document may not carry or a person did not mean to type, as U+XXXX. */
    private static Optional<String> forbidden(String value) {
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            boolean surrogate = Character.isSurrogate(value.charAt(i)) && Character.charCount(cp) == 1;
            if (Character.isISOControl(cp) || surrogate || cp == 0xFFFE || cp == 0xFFFF
                    || Character.getType(cp) == Character.LINE_SEPARATOR
                    || Character.getType(cp) == Character.PARAGRAPH_SEPARATOR) {
                return Optional.of(String.format("U+%04X at character %d", cp, value.codePointCount(0, i) + 1));
            }
            i += Character.charCount(cp);
        }
        return Optional.empty();
    }

    private void unknown(String at, JsonNode node, Set<String> known) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                problems.add(at + "." + shown(name) + ": unknown field (expected one of " + known.stream().sorted().toList() + ")");
            }
        }
    }

    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "a string";
            default -> "null";
        };
    }

    /** A client's value shortened for a message, control characters escaped. */
    private static String shown(String value) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        for (; i < value.length() && i < MAX_SHOWN; i++) {
            char c = value.charAt(i);
            out.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return i < value.length() ? out + "…" : out.toString();
    }
}

package lv.sargs.gateway.treasury.xml;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lv.sargs.gateway.text.ClientValues;
import org.xml.sax.SAXParseException;

/**
 * Says what a schema error means in Sargs's words: the element path, the value (escaped and
 * shortened) and what was expected, read from the JDK validator's message, whose keys
 * ({@code cvc-…}) and XSD type names never reach a client or a log. Patterns compile once; this
 * runs only for refused documents.
 */
final class SchemaWording {

    private static final Pattern KEY = Pattern.compile("^(cvc-[A-Za-z0-9.-]+):");
    private static final Pattern LENGTH = Pattern.compile("(minLength|maxLength|length) '(\\d+)'");
    private static final Pattern ENUMERATION = Pattern.compile("enumeration '\\[(.*?)\\]'");
    private static final Pattern PATTERN = Pattern.compile("pattern '(.*?)' for type");
    private static final Pattern LIMITED = Pattern.compile("limited to (\\d+)");
    private static final Pattern RANGE = Pattern.compile("(minInclusive|maxInclusive|minExclusive|maxExclusive) '([^']*)'");
    private static final Pattern DATATYPE = Pattern.compile("is not a valid value for '([A-Za-z]+)'");
    private static final Pattern ONE_OF = Pattern.compile("One of '(.*)' is expected");
    private static final Pattern NAMESPACE = Pattern.compile("\"[^\"]*\":|[{}]");
    private static final Pattern ATTRIBUTE = Pattern.compile("Attribute '([^']*)'");
    private static final Pattern ELEMENT = Pattern.compile("element '([^']*)'");

    private SchemaWording() {
    }

    /** {@code <what>: line L, column C: element <path>: <what was wrong> (expected: …)}. */
    static String describe(String what, SAXParseException e, LimitingFilter where) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        Matcher key = KEY.matcher(message);
        String rule = key.find() ? key.group(1) : "";
        String value = ClientValues.forAnswer(where.textStart(), where.textLength());
        String at = what + ": " + (e.getLineNumber() > 0 ? "line " + e.getLineNumber() + ", column " + e.getColumnNumber() + ": " : "")
                + "element " + where.path() + ": ";
        return at + wrong(rule, message, value);
    }

    private static String wrong(String rule, String message, String value) {
        if (rule.startsWith("cvc-complex-type.2.4")) {
            Matcher element = ELEMENT.matcher(message);
            String name = element.find() ? ClientValues.forAnswer(NAMESPACE.matcher(element.group(1)).replaceAll("")) : "";
            String expected = expectedElements(message);
            return rule.equals("cvc-complex-type.2.4.b")
                    ? "the element is incomplete (expected: " + expected + ")"
                    : "element " + name + " is not allowed here (expected: " + expected + ")";
        }
        if (rule.startsWith("cvc-complex-type.2.1") || rule.startsWith("cvc-complex-type.2.3")) {
            return "the element may not contain text (expected: child elements only)";
        }
        if (rule.startsWith("cvc-complex-type.3.2") || rule.startsWith("cvc-complex-type.4")) {
            Matcher attribute = ATTRIBUTE.matcher(message);
            String name = attribute.find() ? ClientValues.forAnswer(attribute.group(1)) : "an attribute";
            return rule.startsWith("cvc-complex-type.4")
                    ? "attribute " + name + " is missing (expected: present)"
                    : "attribute " + name + " is not allowed here";
        }
        String expected = expectedValue(rule, message);
        return "value " + value + " is not allowed (expected: " + expected + ")";
    }

    private static String expectedElements(String message) {
        Matcher oneOf = ONE_OF.matcher(message);
        if (oneOf.find()) {
            return "one of " + ClientValues.forText(NAMESPACE.matcher(oneOf.group(1)).replaceAll(""));
        }
        return "no further element here";
    }

    private static String expectedValue(String rule, String message) {
        Matcher m;
        if ((m = LENGTH.matcher(message)).find()) {
            return switch (m.group(1)) {
                case "minLength" -> "at least " + m.group(2) + " characters";
                case "maxLength" -> "at most " + m.group(2) + " characters";
                default -> "exactly " + m.group(2) + " characters";
            };
        }
        if ((m = ENUMERATION.matcher(message)).find()) {
            return "one of " + ClientValues.forText(m.group(1));
        }
        if ((m = PATTERN.matcher(message)).find()) {
            return "text matching " + ClientValues.forText(m.group(1));
        }
        if (rule.startsWith("cvc-totalDigits") && (m = LIMITED.matcher(message)).find()) {
            return "at most " + m.group(1) + " digits";
        }
        if (rule.startsWith("cvc-fractionDigits") && (m = LIMITED.matcher(message)).find()) {
            return "at most " + m.group(1) + " digits after the decimal point";
        }
        if ((m = RANGE.matcher(message)).find()) {
            String bound = ClientValues.forText(m.group(2));
            return switch (m.group(1)) {
                case "minInclusive" -> "at least " + bound;
                case "maxInclusive" -> "at most " + bound;
                case "minExclusive" -> "more than " + bound;
                default -> "less than " + bound;
            };
        }
        if ((m = DATATYPE.matcher(message)).find()) {
            return switch (m.group(1)) {
                case "decimal" -> "a decimal number such as 12.50";
                case "date" -> "a date YYYY-MM-DD";
                case "dateTime" -> "a date and time YYYY-MM-DDThh:mm:ss";
                case "boolean" -> "true or false";
                case "integer", "int", "long", "nonNegativeInteger", "positiveInteger" -> "a whole number";
                default -> "a value of the form the message standard defines here";
            };
        }
        return "a value the message standard allows here";
    }
}

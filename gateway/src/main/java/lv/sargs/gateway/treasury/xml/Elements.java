package lv.sargs.gateway.treasury.xml;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Reads a schema-validated ISO 20022 DOM by local names along a path of child elements; the
 * schema already guaranteed the structure, so lookups are simple and namespace-agnostic.
 */
public final class Elements {

    private Elements() {
    }

    /** The first child element named {@code name}, if any. */
    public static Optional<Element> child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getLocalName())) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** Every child element named {@code name}, in document order. */
    public static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getLocalName())) {
                found.add(e);
            }
        }
        return found;
    }

    /** The element at {@code path} (child names) below {@code from}, if every step exists. */
    public static Optional<Element> at(Element from, String... path) {
        Element current = from;
        for (String step : path) {
            Optional<Element> next = child(current, step);
            if (next.isEmpty()) {
                return Optional.empty();
            }
            current = next.get();
        }
        return Optional.of(current);
    }

    /** The trimmed text at {@code path} below {@code from}, if present. */
    public static Optional<String> text(Element from, String... path) {
        return at(from, path).map(e -> e.getTextContent().trim());
    }

    /** The trimmed text at {@code path}, which the schema makes mandatory. */
    public static String required(Element from, String... path) {
        return text(from, path).orElseThrow(() -> new IllegalStateException(
                "element " + String.join("/", path) + " missing below " + from.getLocalName()
                        + " (expected: guaranteed by the schema)"));
    }
}

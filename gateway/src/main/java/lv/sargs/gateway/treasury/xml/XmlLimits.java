package lv.sargs.gateway.treasury.xml;

/**
 * Bounds every document the gateway parses: byte size (checked before parsing), element depth,
 * element count and attributes per element (checked while parsing, so a hostile document is
 * stopped where it breaks a bound).
 *
 * @param maxBytes the largest document accepted
 * @param maxDepth the deepest element nesting accepted (the root is depth 1)
 * @param maxElements the most elements accepted in one document
 * @param maxAttributes the most attributes accepted on one element
 */
public record XmlLimits(int maxBytes, int maxDepth, int maxElements, int maxAttributes) {

    /** Bounds that fit Treasury payment files and account reports: 4 MiB, depth 32, 100 000 elements, 16 attributes. */
    public static final XmlLimits TREASURY = new XmlLimits(4 * 1024 * 1024, 32, 100_000, 16);

    public XmlLimits {
        requirePositive("maxBytes", maxBytes);
        requirePositive("maxDepth", maxDepth);
        requirePositive("maxElements", maxElements);
        requirePositive("maxAttributes", maxAttributes);
    }

    private static void requirePositive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException("treasury.xml." + name + ": " + value + " (expected: > 0)");
        }
    }
}

package lv.sargs.sandbox.data;

/**
 * How many of each entity a generated world holds.
 *
 * @param persons natural persons, 50–100 000
 * @param companies companies and associations, 10–100 000
 * @param institutions state and municipal institutions holding Treasury accounts, 1–1 000
 */
public record WorldSize(int persons, int companies, int institutions) {

    /** Small enough to build in milliseconds, large enough for realistic lookups. */
    public static final WorldSize DEFAULT = new WorldSize(2_000, 400, 20);

    public WorldSize {
        check("persons", persons, 50, 100_000);
        check("companies", companies, 10, 100_000);
        check("institutions", institutions, 1, 1_000);
    }

    private static void check(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException("world." + name + ": " + value + " (expected: " + min + "-" + max + ")");
        }
    }
}

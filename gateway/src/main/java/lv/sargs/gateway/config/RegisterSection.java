package lv.sargs.gateway.config;

import java.util.List;
import java.util.Map;

/**
 * How the {@code lookups} reader knows one register: its section's name, the data classes it is
 * asked for (each needs terms under {@code lookups.registers} when the register is connected),
 * and the reader of its section.
 *
 * @param name the section under {@code lookups}, e.g. {@code viss}
 * @param dataClasses e.g. {@code legal-entity}; with {@code name} they make {@link LookupsConfig#termsKey}
 * @param reader reads the section with the process environment; null when the section has problems
 */
record RegisterSection(String name, List<String> dataClasses, Reader reader) {

    RegisterSection {
        dataClasses = List.copyOf(dataClasses);
    }

    /** Reads one register's section, recording problems on it. */
    @FunctionalInterface
    interface Reader {
        RegisterConfig read(Section section, Map<String, String> environment);
    }
}

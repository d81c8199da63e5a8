package lv.sargs.gateway.config;

import java.util.ArrayList;
import java.util.List;
import lv.sargs.gateway.text.ClientValues;

/** Collects problems while the whole file is walked, instead of stopping at the first. */
final class Problems {

    private final List<ConfigProblem> list = new ArrayList<>();

    void add(String path, String value, String expected) {
        list.add(new ConfigProblem(oneLine(path), oneLine(value), expected));
    }

    /**
     * A path or value from the file as one line: a YAML scalar or key may span lines (folded or
     * block), and each problem is one line of {@code sargs-admin check} and of the start-up log.
     */
    private static String oneLine(String text) {
        return text != null && text.chars().anyMatch(Character::isISOControl) ? ClientValues.forText(text) : text;
    }

    int count() {
        return list.size();
    }

    List<ConfigProblem> all() {
        return List.copyOf(list);
    }
}

package lv.sargs.gateway.config;

import java.util.ArrayList;
import java.util.List;

/** Collects problems while the whole file is walked, instead of stopping at the first. */
final class Problems {

    private final List<ConfigProblem> list = new ArrayList<>();

    void add(String path, String value, String expected) {
        list.add(new ConfigProblem(path, value, expected));
    }

    int count() {
        return list.size();
    }

    List<ConfigProblem> all() {
        return List.copyOf(list);
    }
}

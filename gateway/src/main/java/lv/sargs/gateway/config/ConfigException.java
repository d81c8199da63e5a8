package lv.sargs.gateway.config;

import java.util.List;

/**
 * The config file cannot be used; carries every problem found, not just the first, so the admin
 * fixes the file in one go. The gateway binds nothing when this is thrown.
 */
public final class ConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Stable code for logs and the exit path. */
    public static final String CODE = "CONFIG_INVALID";

    private final transient List<ConfigProblem> problems;

    public ConfigException(String source, List<ConfigProblem> problems) {
        super(source + ": " + problems.size() + (problems.size() == 1 ? " problem" : " problems"));
        this.problems = List.copyOf(problems);
    }

    /** Every problem, in file order where possible. */
    public List<ConfigProblem> problems() {
        return problems;
    }
}

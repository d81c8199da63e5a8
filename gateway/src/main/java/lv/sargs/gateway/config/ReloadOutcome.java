package lv.sargs.gateway.config;

import java.util.List;

/**
 * What a config reload did: applied (with how many clients are declared now and how many open
 * connections were closed because they are no longer admitted), or refused with why and every
 * problem, the running config unchanged.
 *
 * @param problems each as {@code path: value (expected: …)}; empty when applied
 */
public record ReloadOutcome(boolean applied, String message, List<String> problems, int clients,
                            int closedConnections) {

    public ReloadOutcome {
        problems = List.copyOf(problems);
    }

    static ReloadOutcome refused(String message, List<String> problems) {
        return new ReloadOutcome(false, message, problems, 0, 0);
    }

    /** A reload that changed nothing, for {@code message}'s reason. */
    public static ReloadOutcome refused(String message) {
        return refused(message, List.of());
    }

    /** A reload refused because the new config does not validate. */
    public static ReloadOutcome invalid(ConfigException e) {
        return refused(e.getMessage() + "; the running config is unchanged",
                e.problems().stream().map(ConfigProblem::toString).toList());
    }

    /** A reload applied. */
    public static ReloadOutcome applied(String message, int clients, int closedConnections) {
        return new ReloadOutcome(true, message, List.of(), clients, closedConnections);
    }
}

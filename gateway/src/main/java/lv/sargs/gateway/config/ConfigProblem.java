package lv.sargs.gateway.config;

/**
 * One thing wrong in the config file, rendered as {@code path: value (expected: ...)} so an admin
 * can find the line and knows the fix, e.g.
 * {@code listeners.client.allowList[2]: 10.0.0.0/33 (expected: prefix 0-32)}.
 *
 * @param path where in the file, e.g. {@code clients[1].sources[0]}
 * @param value what the file says there, {@code (missing)} or {@code (unknown key)}
 * @param expected what would have been accepted
 */
public record ConfigProblem(String path, String value, String expected) {

    @Override
    public String toString() {
        return path + ": " + value + " (expected: " + expected + ")";
    }
}

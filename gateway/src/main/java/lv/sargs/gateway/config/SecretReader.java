package lv.sargs.gateway.config;

import java.util.Map;
import java.util.regex.Pattern;

/** Reads a {@link SecretSource} mapping ({@code file: <path>} or {@code env: <VARIABLE>}) of any section. */
final class SecretReader {

    private static final Pattern ENV_NAME = Pattern.compile("[A-Z_][A-Z0-9_]{0,63}");

    private SecretReader() {
    }

    /**
     * The source, or null with every problem reported; {@code exampleFile} and {@code exampleEnv}
     * show the admin what this secret's keys look like.
     */
    static SecretSource read(Section s, Map<String, String> environment, String exampleFile, String exampleEnv) {
        SecretSource out = null;
        if (s.has("file") == s.has("env")) {
            s.problem(s.has("file") ? "both file and env" : "neither file nor env",
                    "exactly one of file: " + exampleFile + " or env: " + exampleEnv);
            s.optional("file");
            s.optional("env");
        } else if (s.has("file")) {
            out = s.required("file", "a secret file").flatMap(n -> n.parse(Units::absolutePath).map(p -> {
                TokenReader.checkPinFile(n, p);
                return (SecretSource) new SecretSource.File(p);
            })).orElse(null);
        } else {
            out = s.required("env", "an environment variable name").flatMap(n -> n.text().map(v -> {
                if (!ENV_NAME.matcher(v).matches()) {
                    n.problem("an environment variable name such as " + exampleEnv);
                } else if (environment.get(v) == null) {
                    n.problem("an environment variable set for the service, but it is not set");
                }
                return (SecretSource) new SecretSource.Environment(v);
            })).orElse(null);
        }
        s.end();
        return out;
    }
}

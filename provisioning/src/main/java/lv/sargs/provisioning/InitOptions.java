package lv.sargs.provisioning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine.Option;

/**
 * The answers of {@code init} as flags, each also readable from an answers file (YAML, the flag's
 * name without its dashes as the key, e.g. {@code token-label: sargs}); a flag wins over the file.
 * Every missing answer is listed at once.
 */
final class InitOptions {

    @Option(names = "--answers", description = "A YAML file of answers: flag names without dashes as keys.")
    Path answers;

    @Option(names = "--config", description = "The config file to write, e.g. /etc/sargs/sargs.yaml.")
    String config;
    @Option(names = "--token-library", description = "The vendor's PKCS#11 module.")
    String tokenLibrary;
    @Option(names = "--token-label", description = "The token's label.")
    String tokenLabel;
    @Option(names = "--pin-file", description = "The file holding the user PIN (chmod 600).")
    String pinFile;
    @Option(names = "--data-directory", description = "The gateway's stores, e.g. /var/lib/sargs.")
    String dataDirectory;
    @Option(names = "--pki-directory", description = "CSRs written, chains and CA files expected here, e.g. /etc/sargs/pki.")
    String pkiDirectory;
    @Option(names = "--hostname", description = "The listener's DNS name; CN and SAN of every CSR.")
    String hostname;
    @Option(names = "--subject", description = "The rest of every CSR's subject, e.g. O=Example Bank,C=LV.")
    String subject;
    @Option(names = "--client-bind", description = "The client listener's address (default 0.0.0.0:8443).")
    String clientBind;
    @Option(names = "--allow", description = "A source block allowed to connect (repeatable).")
    List<String> allow;
    @Option(names = "--management-bind", description = "The management listener's address (loopback).")
    String managementBind;
    @Option(names = "--upstream", description = "viss, fpr or ekase (repeatable).")
    List<String> upstream;
    @Option(names = "--viss-client-id")
    String vissClientId;
    @Option(names = "--viss-secret-file")
    String vissSecretFile;
    @Option(names = "--viss-base-uri")
    String vissBaseUri;
    @Option(names = "--viss-audience")
    String vissAudience;
    @Option(names = "--fpr-client-id")
    String fprClientId;
    @Option(names = "--fpr-secret-file")
    String fprSecretFile;
    @Option(names = "--fpr-base-uri")
    String fprBaseUri;
    @Option(names = "--fpr-permission")
    String fprPermission;
    @Option(names = "--ekase-user")
    String ekaseUser;
    @Option(names = "--ekase-password-file")
    String ekasePasswordFile;
    @Option(names = "--ekase-mode", description = "VIEW or MANAGE.")
    String ekaseMode;
    @Option(names = "--ekase-base-uri")
    String ekaseBaseUri;

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** The recommended values of the reference config, taken when an answer is not given. */
    private static final Map<String, String> DEFAULTS = Map.of(
            "client-bind", "0.0.0.0:8443",
            "management-bind", "127.0.0.1:9090",
            "viss-base-uri", "https://apigw.viss.gov.lv",
            "viss-audience", "https://ha.viss.gov.lv/STS/VISS.Pfas.STS/oauth2/token",
            "ekase-base-uri", "https://ekase.kase.gov.lv",
            "ekase-mode", "MANAGE");

    private Map<String, JsonNode> file = Map.of();
    private final Set<String> missing = new TreeSet<>();

    InitAnswers resolve() {
        file = readAnswers();
        List<String> upstreams = list("upstream");
        for (String u : upstreams) {
            if (!InitAnswers.UPSTREAMS.contains(u)) {
                throw new AdminException(SargsAdmin.USAGE, "--upstream " + u + " (expected: one of viss, fpr, ekase)");
            }
        }
        InitAnswers.Viss viss = upstreams.contains("viss") ? new InitAnswers.Viss(text("viss-client-id", vissClientId),
                path("viss-secret-file", vissSecretFile), text("viss-base-uri", vissBaseUri),
                text("viss-audience", vissAudience)) : null;
        InitAnswers.Fpr fpr = upstreams.contains("fpr") ? new InitAnswers.Fpr(text("fpr-client-id", fprClientId),
                path("fpr-secret-file", fprSecretFile), text("fpr-base-uri", fprBaseUri),
                text("fpr-permission", fprPermission)) : null;
        InitAnswers.Ekase ekase = upstreams.contains("ekase") ? new InitAnswers.Ekase(text("ekase-user", ekaseUser),
                path("ekase-password-file", ekasePasswordFile), text("ekase-mode", ekaseMode),
                text("ekase-base-uri", ekaseBaseUri)) : null;
        InitAnswers out = new InitAnswers(path("config", config), path("token-library", tokenLibrary),
                text("token-label", tokenLabel), path("pin-file", pinFile), path("data-directory", dataDirectory),
                path("pki-directory", pkiDirectory), text("hostname", hostname), text("subject", subject),
                text("client-bind", clientBind), required("allow", allow == null ? list("allow") : allow),
                text("management-bind", managementBind), upstreams, viss, fpr, ekase);
        if (!missing.isEmpty()) {
            throw new AdminException(SargsAdmin.USAGE, "init needs these answers (as --flag or in --answers): "
                    + String.join(", ", missing));
        }
        return out;
    }

    private Map<String, JsonNode> readAnswers() {
        if (answers == null) {
            return Map.of();
        }
        JsonNode root;
        try {
            root = YAML.readTree(answers.toFile());
        } catch (IOException e) {
            throw new AdminException(SargsAdmin.USAGE, "--answers " + answers + ": cannot be read as YAML ("
                    + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        if (root == null || !root.isObject()) {
            throw new AdminException(SargsAdmin.USAGE, "--answers " + answers + ": (not a mapping) (expected: one"
                    + " answer per line, e.g. token-label: sargs)");
        }
        Map<String, JsonNode> out = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!KEYS.contains(e.getKey())) {
                unknown.add(e.getKey());
            }
            out.put(e.getKey(), e.getValue());
        }
        if (!unknown.isEmpty()) {
            throw new AdminException(SargsAdmin.USAGE, "--answers " + answers + ": " + String.join(", ", unknown)
                    + " (unknown key; expected: one of " + String.join(", ", new TreeSet<>(KEYS)) + ")");
        }
        return out;
    }

    private static final Set<String> KEYS = Set.of("config", "token-library", "token-label", "pin-file",
            "data-directory", "pki-directory", "hostname", "subject", "client-bind", "allow", "management-bind",
            "upstream", "viss-client-id", "viss-secret-file", "viss-base-uri", "viss-audience", "fpr-client-id",
            "fpr-secret-file", "fpr-base-uri", "fpr-permission", "ekase-user", "ekase-password-file", "ekase-mode",
            "ekase-base-uri");

    private String text(String key, String flag) {
        String value = flag;
        if (value == null && file.containsKey(key) && file.get(key).isValueNode()) {
            value = file.get(key).asText();
        }
        if (value == null) {
            value = DEFAULTS.get(key);
        }
        if (value == null || value.isBlank()) {
            missing.add(key);
            return "";
        }
        return value.strip();
    }

    private Path path(String key, String flag) {
        String value = text(key, flag);
        if (value.isEmpty()) {
            return Path.of("/");
        }
        Path p = Path.of(value);
        if (!p.isAbsolute()) {
            throw new AdminException(SargsAdmin.USAGE, key + ": " + value + " (expected: an absolute path)");
        }
        return p;
    }

    private List<String> list(String key) {
        List<String> flag = key.equals("upstream") ? upstream : allow;
        if (flag != null) {
            return flag;
        }
        JsonNode node = file.get(key);
        List<String> out = new ArrayList<>();
        if (node != null && node.isArray()) {
            node.forEach(n -> out.add(n.asText()));
        } else if (node != null && node.isValueNode()) {
            out.add(node.asText());
        }
        return out;
    }

    private List<String> required(String key, List<String> values) {
        if (values.isEmpty()) {
            missing.add(key);
        }
        return values;
    }
}

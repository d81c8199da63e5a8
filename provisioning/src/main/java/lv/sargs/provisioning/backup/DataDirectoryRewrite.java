package lv.sargs.provisioning.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Points a restored config at the data directory it was restored into: rewrites the value of the
 * top-level {@code dataDirectory:} line only (comments, order and everything else stay as written),
 * or appends the key when the config has none; then checks that the YAML means what it meant
 * before except for {@code dataDirectory}, and refuses anything else (a flow-style or repeated key).
 */
final class DataDirectoryRewrite {

    private static final Pattern LINE = Pattern.compile("^dataDirectory:(\\s*)([^#]*?)(\\s+#.*)?$");
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9/._-]+");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private DataDirectoryRewrite() {
    }

    /** {@code yaml} with {@code dataDirectory} set to {@code directory}; BackupException when it cannot be done safely. */
    static String rewrite(String name, String yaml, Path directory) throws BackupException {
        String value = directory.toAbsolutePath().normalize().toString();
        String scalar = PLAIN.matcher(value).matches() ? value
                : '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
        List<String> lines = new ArrayList<>(List.of(yaml.split("\n", -1)));
        int found = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("dataDirectory:")) {
                if (found >= 0) {
                    throw new BackupException(name + ": dataDirectory is set twice (expected: once; set it to " + value
                            + " by hand)");
                }
                found = i;
            }
        }
        if (found >= 0) {
            Matcher m = LINE.matcher(lines.get(found));
            if (!m.matches() || m.group(2).isBlank()) {
                throw new BackupException(name + ": line " + (found + 1) + " '" + lines.get(found) + "' (expected:"
                        + " dataDirectory: PATH on one line; set it to " + value + " by hand)");
            }
            lines.set(found, "dataDirectory: " + scalar + (m.group(3) == null ? "" : m.group(3)));
        } else {
            int last = lines.size() - 1;
            lines.add(last >= 0 && lines.get(last).isEmpty() ? last : lines.size(), "dataDirectory: " + scalar);
        }
        String rewritten = String.join("\n", lines);
        try {
            JsonNode before = YAML.readTree(yaml);
            JsonNode after = YAML.readTree(rewritten);
            if (!(before instanceof ObjectNode b) || !(after instanceof ObjectNode a)
                    || !value.equals(a.path("dataDirectory").asText())) {
                throw new BackupException(name + ": dataDirectory could not be set to " + value + " safely (set it"
                        + " by hand)");
            }
            b.put("dataDirectory", value);
            if (!b.equals(a)) {
                throw new BackupException(name + ": rewriting dataDirectory would change more than it (set it to "
                        + value + " by hand)");
            }
        } catch (IOException e) {
            throw new BackupException(name + ": not YAML (" + e.getMessage() + ")");
        }
        return rewritten;
    }
}

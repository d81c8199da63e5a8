package lv.sargs.provisioning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import lv.sargs.gateway.config.ConfigException;
import lv.sargs.gateway.config.ConfigLoader;
import lv.sargs.gateway.config.ConfigProblem;
import lv.sargs.gateway.config.GatewayConfig;

/**
 * The client drop-ins of one config file ({@code clients.d/*.yaml} beside it) as the admin tool
 * changes them: a change is validated with the whole config before anything is written, then
 * written whole or not at all.
 */
final class DropInFiles {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Path config;
    private final Path dir;

    DropInFiles(Path config) {
        this.config = config;
        this.dir = config.toAbsolutePath().resolveSibling(ConfigLoader.DROP_INS);
    }

    Path dir() {
        return dir;
    }

    Path file(String name) {
        return dir.resolve(name);
    }

    /** The config as it is now, drop-ins included; exit 2 listing every problem when it does not validate. */
    GatewayConfig load(PrintWriter err) {
        return validate(Map.of(), err);
    }

    /**
     * The config as it would be with {@code name} replaced by {@code text} (or removed when empty);
     * refused (exit 2, every problem listed, nothing written) when it would not validate.
     */
    GatewayConfig validate(Map<String, Optional<String>> changes, PrintWriter err) {
        try {
            return ConfigLoader.system().load(config, changes);
        } catch (ConfigException e) {
            err.println(e.getMessage() + (changes.isEmpty() ? "" : " with this change; nothing was written") + ":");
            for (ConfigProblem p : e.problems()) {
                err.println("  " + p);
            }
            err.flush();
            throw new AdminException(SargsAdmin.CONFIG_INVALID, "the config would not validate (see above)");
        }
    }

    /** Writes a drop-in the gateway reads (group-readable, never world-readable). */
    void write(String name, String text) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new AdminException(1, dir + ": cannot create the directory (" + e.getMessage() + ")");
        }
        AtomicFiles.write(file(name), text.getBytes(StandardCharsets.UTF_8), "rw-r-----");
    }

    void delete(String name) {
        AtomicFiles.delete(file(name));
    }

    /** Each drop-in's parsed YAML by file name, in name order (those that do not parse are left out). */
    Map<String, JsonNode> trees() {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                String name = f.getFileName().toString();
                if (name.endsWith(".yaml") && !name.startsWith(".")) {
                    try {
                        out.put(name, YAML.readTree(f.toFile()));
                    } catch (IOException e) {
                        // The loader names what is wrong with it; listing goes on without it.
                    }
                }
            }
        } catch (IOException e) {
            throw new AdminException(1, dir + ": cannot be listed (" + e.getMessage() + ")");
        }
        return out;
    }

    /** A YAML double-quoted scalar. */
    static String quote(String s) {
        return InitConfig.quote(s);
    }
}

package lv.sargs.provisioning;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lv.sargs.gateway.config.Cidr;
import lv.sargs.gateway.config.ConfigLoader;
import lv.sargs.gateway.config.GatewayConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code sargs-admin allow-list …}: source blocks admitted to the client listener beyond those in
 * the config file, kept in the drop-in {@code clients.d/allow-list.yaml}; each change validated
 * with the whole config (a client's sources must stay inside the allow-list) before it is written.
 */
@Command(name = "allow-list", mixinStandardHelpOptions = true,
        description = "Source blocks admitted to the client listener, in clients.d/allow-list.yaml.")
final class AllowListCommand {

    /** The drop-in's name without {@code .yaml}; no client may have it. */
    static final String NAME = "allow-list";
    private static final String FILE = NAME + ".yaml";

    @Spec
    CommandSpec spec;

    @Option(names = "--config", required = true, scope = ScopeType.INHERIT,
            description = "The gateway config file, e.g. /etc/sargs/sargs.yaml.")
    Path config;

    @Command(name = "add", description = "Admit source blocks (CIDR), e.g. 10.30.0.0/16.")
    int add(@Parameters(arity = "1..*", paramLabel = "CIDR") List<String> blocks) {
        DropInFiles dropIns = new DropInFiles(config);
        List<String> kept = blocks(dropIns);
        PrintWriter out = spec.commandLine().getOut();
        for (String b : blocks) {
            String block = parse(b).toString();
            if (kept.contains(block)) {
                out.println(block + ": already in " + dropIns.file(FILE));
            } else {
                kept.add(block);
            }
        }
        return change(dropIns, kept, "admitted " + blocks);
    }

    @Command(name = "remove", description = "Stop admitting source blocks added with allow-list add.")
    int remove(@Parameters(arity = "1..*", paramLabel = "CIDR") List<String> blocks) {
        DropInFiles dropIns = new DropInFiles(config);
        List<String> kept = blocks(dropIns);
        for (String b : blocks) {
            String block = parse(b).toString();
            if (!kept.remove(block)) {
                throw new AdminException(1, block + ": not in " + dropIns.file(FILE) + " (expected: a block added with"
                        + " allow-list add; blocks in " + config + " itself are changed there)");
            }
        }
        return change(dropIns, kept, "no longer admitting " + blocks);
    }

    @Command(name = "list", description = "List every admitted block and where it is declared.")
    int list() {
        DropInFiles dropIns = new DropInFiles(config);
        GatewayConfig current = dropIns.load(spec.commandLine().getErr());
        List<String> added = blocks(dropIns);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%-44s %s%n", "BLOCK", "DECLARED IN");
        for (Cidr c : current.clientListener().allowList()) {
            out.printf("%-44s %s%n", c, added.contains(c.toString()) ? ConfigLoader.DROP_INS + "/" + FILE
                    : config.getFileName() + " (or another drop-in)");
        }
        out.flush();
        return 0;
    }

    private int change(DropInFiles dropIns, List<String> blocks, String what) {
        Optional<String> text = blocks.isEmpty() ? Optional.empty()
                : Optional.of("# Written by sargs-admin allow-list.\nallowList: " + ClientsCommand.flow(blocks) + "\n");
        dropIns.validate(Map.of(FILE, text), spec.commandLine().getErr());
        if (text.isPresent()) {
            dropIns.write(FILE, text.get());
        } else {
            dropIns.delete(FILE);
        }
        spec.commandLine().getOut().println(what + " (" + dropIns.file(FILE) + "); " + ClientsCommand.APPLY);
        spec.commandLine().getOut().flush();
        return 0;
    }

    private static List<String> blocks(DropInFiles dropIns) {
        List<String> out = new ArrayList<>();
        JsonNode tree = dropIns.trees().get(FILE);
        JsonNode list = tree == null ? null : tree.get("allowList");
        if (list != null && list.isArray()) {
            list.forEach(n -> out.add(n.asText()));
        }
        return out;
    }

    private static Cidr parse(String block) {
        try {
            return Cidr.parse(block);
        } catch (IllegalArgumentException e) {
            throw new AdminException(SargsAdmin.USAGE, block + " (" + e.getMessage() + ")");
        }
    }
}

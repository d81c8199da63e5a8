package lv.sargs.gateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The client drop-ins of a config file: {@code clients.d/*.yaml} beside it, read in name order,
 * each holding {@code clients} (as in the main file) and/or {@code allowList} (blocks added to
 * {@code listeners.client.allowList}). They are part of the one validated config: a problem in a
 * drop-in names the drop-in and the path inside it.
 */
final class DropIns {

    private static final Pattern CLIENT_INDEX = Pattern.compile("clients\\[(\\d+)]");

    /** One drop-in file: its name for messages (e.g. {@code clients.d/core.yaml}) and its text. */
    record DropIn(String name, String text) {
    }

    /** What the drop-ins add, and where each added client came from. */
    record Added(List<ClientConfig> clients, List<Cidr> allowList, List<String> clientOrigins) {
    }

    private DropIns() {
    }

    /**
     * The drop-ins beside {@code configFile}, with {@code overrides} (file name to new text, or empty
     * for a removed file) applied: what a change would give, checked before it is written.
     */
    static List<DropIn> read(Path configFile, Map<String, Optional<String>> overrides, Problems problems) {
        Path dir = configFile.toAbsolutePath().resolveSibling(ConfigLoader.DROP_INS);
        Map<String, Optional<String>> texts = new TreeMap<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.filter(DropIns::isDropIn).toList()) {
                    texts.put(f.getFileName().toString(), Optional.of(Files.readString(f)));
                }
            } catch (IOException e) {
                problems.add(dir.toString(), "(unreadable)", "a directory of readable UTF-8 YAML files: "
                        + e.getClass().getSimpleName());
            }
        }
        texts.putAll(overrides);
        List<DropIn> out = new ArrayList<>();
        texts.forEach((name, text) -> text.ifPresent(t -> out.add(new DropIn(ConfigLoader.DROP_INS + "/" + name, t))));
        return out;
    }

    /** Reads the drop-ins' clients and blocks; their problems are reported under each file's name. */
    static Added apply(List<DropIn> dropIns, Problems problems) {
        List<ClientConfig> clients = new ArrayList<>();
        List<Cidr> allow = new ArrayList<>();
        List<String> origins = new ArrayList<>();
        for (DropIn d : dropIns) {
            Problems local = new Problems();
            JsonNode tree;
            try {
                tree = ConfigLoader.tree(d.text(), d.name());
            } catch (ConfigException e) {
                e.problems().forEach(p -> problems.add(p.path(), p.value(), p.expected()));
                continue;
            }
            new Node("", tree, local).section().ifPresent(s -> {
                s.optional("clients").flatMap(ClientsReader::read).ifPresent(list -> {
                    for (int i = 0; i < list.size(); i++) {
                        clients.add(list.get(i));
                        origins.add(d.name() + ": clients[" + i + "]");
                    }
                });
                s.optional("allowList").flatMap(ListenersReader::cidrs).ifPresent(allow::addAll);
                s.end();
            });
            local.all().forEach(p -> problems.add(d.name() + ": " + p.path(), p.value(), p.expected()));
        }
        return new Added(clients, allow, origins);
    }

    /**
     * Names the drop-in a problem found on the merged list is about: {@code clients[5]} becomes
     * {@code clients.d/core.yaml: clients[0]} when the sixth client came from there.
     */
    static ConfigProblem locate(ConfigProblem p, int mainClients, List<String> origins) {
        return new ConfigProblem(rewrite(p.path(), mainClients, origins), p.value(),
                rewrite(p.expected(), mainClients, origins));
    }

    private static String rewrite(String text, int mainClients, List<String> origins) {
        Matcher m = CLIENT_INDEX.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            int i = Integer.parseInt(m.group(1));
            String where = i < mainClients ? m.group() : origins.get(i - mainClients);
            m.appendReplacement(out, Matcher.quoteReplacement(where));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static boolean isDropIn(Path f) {
        String name = f.getFileName().toString();
        return name.endsWith(".yaml") && !name.startsWith(".") && Files.isRegularFile(f);
    }
}

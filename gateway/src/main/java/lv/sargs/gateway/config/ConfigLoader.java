package lv.sargs.gateway.config;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Loads the gateway's one YAML config file into a {@link GatewayConfig}, validating the whole
 * file: unknown keys, missing keys, bad values, unreadable files and rules between sections are all
 * collected and thrown together in a {@link ConfigException}. No key has a hidden default.
 */
public final class ConfigLoader {

    /** The only format version this gateway reads. */
    public static final int VERSION = 1;

    /** The directory of client drop-ins, next to the config file: {@code clients.d/*.yaml}. */
    public static final String DROP_INS = "clients.d";

    /** The longest {@code shutdown.grace}; below the systemd unit's {@code TimeoutStopSec}. */
    public static final Duration MAX_GRACE = Duration.ofSeconds(50);

    private static final ObjectMapper YAML = new ObjectMapper(
            YAMLFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());

    private final Clock clock;
    private final Map<String, String> environment;

    private ConfigLoader(Clock clock, Map<String, String> environment) {
        this.clock = clock;
        this.environment = environment;
    }

    /** A loader checking certificate validity against the system clock and PIN variables against this process's environment. */
    public static ConfigLoader system() {
        return new ConfigLoader(Clock.systemUTC(), System.getenv());
    }

    /** A loader with an explicit clock and environment, for tests and the provisioning CLI. */
    public static ConfigLoader with(Clock clock, Map<String, String> environment) {
        return new ConfigLoader(clock, Map.copyOf(environment));
    }

    /** Reads and validates {@code file} with its client drop-ins ({@link #DROP_INS}{@code /*.yaml} beside it). */
    public GatewayConfig load(Path file) throws ConfigException {
        return load(file, Map.of());
    }

    /**
     * Reads and validates {@code file} with its drop-ins as they would be after a change: each entry
     * of {@code dropInOverrides} (a file name in {@link #DROP_INS}) replaces that drop-in's text, or
     * removes it when empty. Nothing is written; the admin tool checks a change with it first.
     */
    public GatewayConfig load(Path file, Map<String, Optional<String>> dropInOverrides) throws ConfigException {
        Problems dropInProblems = new Problems();
        List<DropIns.DropIn> dropIns = DropIns.read(file, dropInOverrides, dropInProblems);
        return parse(read(file), file.toString(), dropIns, dropInProblems);
    }

    /**
     * Reads and validates only the {@code token} section of {@code file}: what provisioning needs at
     * first boot, before the listener's certificate (which the rest of the file names) exists.
     */
    public TokenConfig loadToken(Path file) throws ConfigException {
        String source = file.toString();
        JsonNode root = tree(read(file), source);
        Problems problems = new Problems();
        TokenConfig token = new Node("", root, problems).section()
                .flatMap(s -> s.required("token", "a pkcs11 block, or demo: true"))
                .flatMap(Node::section).map(t -> new TokenReader(environment).read(t)).orElse(null);
        if (problems.count() > 0) {
            throw new ConfigException(source, problems.all());
        }
        return token;
    }

    /** Validates YAML {@code text} (without drop-ins); {@code source} names it in messages. */
    public GatewayConfig parse(String text, String source) throws ConfigException {
        return parse(text, source, List.of(), new Problems());
    }

    private GatewayConfig parse(String text, String source, List<DropIns.DropIn> dropIns, Problems problems)
            throws ConfigException {
        JsonNode root = tree(text, source);
        GatewayConfig config = new Node("", root, problems).section().map(s -> root(s, problems)).orElse(null);
        DropIns.Added added = DropIns.apply(dropIns, problems);
        if (config != null && problems.count() == 0) {
            int mainClients = config.clients().size();
            List<ClientConfig> clients = new ArrayList<>(config.clients());
            clients.addAll(added.clients());
            List<Cidr> allow = new ArrayList<>(config.clientListener().allowList());
            added.allowList().stream().filter(c -> !allow.contains(c)).forEach(allow::add);
            config = config.withClients(clients)
                    .withClientListener(config.clientListener().withAllowList(allow));
            Problems cross = new Problems();
            CrossChecks.check(config, cross);
            cross.all().forEach(p -> {
                ConfigProblem located = DropIns.locate(p, mainClients, added.clientOrigins());
                problems.add(located.path(), located.value(), located.expected());
            });
        }
        if (problems.count() > 0) {
            throw new ConfigException(source, problems.all());
        }
        return config;
    }

    private static String read(Path file) throws ConfigException {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException(file.toString(), List.of(new ConfigProblem(file.toString(), "(unreadable)",
                    "a readable UTF-8 YAML file: " + e.getClass().getSimpleName())));
        }
    }

    static JsonNode tree(String text, String source) throws ConfigException {
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? source
                    : source + " line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            String first = Objects.toString(e.getOriginalMessage(), "").lines().findFirst().orElse("");
            throw new ConfigException(source, List.of(new ConfigProblem(where, first, "valid YAML")));
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new ConfigException(source, List.of(new ConfigProblem("(top level)", "(empty file)",
                    "the gateway config; start from the reference sargs.yaml")));
        }
        return root;
    }

    private GatewayConfig root(Section s, Problems problems) {
        s.required("version", "version: " + VERSION).ifPresent(n -> {
            if (!n.isInteger(VERSION)) {
                n.problem(VERSION + ": this gateway reads format version " + VERSION + " only");
            }
        });
        ListenersReader.Listeners listeners = s.required("listeners", "client and management")
                .flatMap(Node::section).map(l -> new ListenersReader(clock.instant()).read(l)).orElse(null);
        List<ClientConfig> clients = s.required("clients", "the list of core systems allowed to call; [] admits nobody")
                .flatMap(ClientsReader::read).orElse(null);
        TokenConfig token = s.required("token", "a pkcs11 block, or demo: true").flatMap(Node::section)
                .map(t -> new TokenReader(environment).read(t)).orElse(null);
        Path data = s.required("dataDirectory", "an existing directory for the gateway's stores")
                .flatMap(n -> n.parse(Units::absolutePath).map(p -> {
                    if (!Files.isDirectory(p) || !Files.isWritable(p)) {
                        n.problem("an existing directory the service user can write");
                    }
                    return p;
                })).orElse(null);
        Duration grace = s.required("shutdown", "grace").flatMap(Node::section).map(sh -> {
            // At most 50s: systemd's TimeoutStopSec=60 kills a gateway that takes longer to stop.
            Duration g = sh.required("grace", "how long in-flight requests may finish after SIGTERM, e.g. 20s")
                    .flatMap(n -> n.parse(t -> Units.duration(t, Duration.ZERO, MAX_GRACE))).orElse(null);
            sh.end();
            return g;
        }).orElse(null);
        // Optional: a gateway that does no register lookups leaves the section out.
        Optional<LookupsConfig> lookups = s.optional("lookups").flatMap(Node::section)
                .map(l -> new LookupsReader(environment).read(l));
        // Optional: a gateway without the section does no statistics at all (the capability is off).
        Optional<StatisticsConfig> statistics = s.optional("statistics").flatMap(Node::section)
                .map(st -> new StatisticsReader(clock.instant()).read(st));
        // Optional: a gateway that does not pay through eKase leaves the section out.
        Optional<TreasuryConfig> treasury = s.optional("treasury").flatMap(Node::section)
                .map(t -> new TreasuryReader(environment).read(t));
        // Optional, every key too: the engineering defaults the reference config shows.
        ThreadsConfig threads = s.optional("threads").flatMap(Node::section).map(ThreadsReader::read)
                .orElse(ThreadsConfig.defaults());
        // Optional: without it the documented alarm thresholds apply (logged at start) and no LED is driven.
        OperatorConfig operator = s.optional("operator").flatMap(Node::section).map(o -> new OperatorReader().read(o))
                .orElse(s.has("operator") ? null : OperatorConfig.DEFAULTS);
        // Optional: without it the trail runs unsigned and leaves subjects out (audit DEGRADED).
        Optional<AuditConfig> audit = s.optional("audit").flatMap(Node::section).map(AuditReader::read);
        // Optional: without it the indicators' base levels are the reference config's.
        Optional<RiskConfig> risk = s.optional("risk").flatMap(Node::section).map(RiskReader::read);
        s.end();
        if (problems.count() > 0) {
            return null;
        }
        return new GatewayConfig(listeners.client(), listeners.management(), clients, token, data, grace, lookups,
                statistics, treasury, threads, operator, audit, risk);
    }
}

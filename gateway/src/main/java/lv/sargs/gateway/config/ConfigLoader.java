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

    /** Reads and validates {@code file}. */
    public GatewayConfig load(Path file) throws ConfigException {
        return parse(read(file), file.toString());
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

    /** Validates YAML {@code text}; {@code source} names it in messages. */
    public GatewayConfig parse(String text, String source) throws ConfigException {
        JsonNode root = tree(text, source);
        Problems problems = new Problems();
        GatewayConfig config = new Node("", root, problems).section().map(s -> root(s, problems)).orElse(null);
        if (config != null) {
            CrossChecks.check(config, problems);
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

    private static JsonNode tree(String text, String source) throws ConfigException {
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
        // Optional: without it the trail runs unsigned and leaves subjects out (audit DEGRADED).
        Optional<AuditConfig> audit = s.optional("audit").flatMap(Node::section).map(AuditReader::read);
        // Optional: without it the indicators' base levels are the reference config's.
        Optional<RiskConfig> risk = s.optional("risk").flatMap(Node::section).map(RiskReader::read);
        s.end();
        if (problems.count() > 0) {
            return null;
        }
        return new GatewayConfig(listeners.client(), listeners.management(), clients, token, data, grace, lookups,
                statistics, treasury, audit, risk);
    }
}

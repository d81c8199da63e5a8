package lv.sargs.gateway.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Reads the optional {@code lookups} section: the registers connected, the cache and each part's terms. */
final class LookupsReader {

    /** The registers a gateway may connect, each its own section under {@code lookups}; a new register is one line. */
    static final List<RegisterSection> REGISTERS = List.of(
            new RegisterSection("viss", List.of("legal-entity", "beneficial-owners", "insolvency-proceedings",
                    "natural-person"), VissUpstreamConfig::read),
            new RegisterSection("fpr", List.of("person"), FprUpstreamConfig::read),
            new RegisterSection("vid", List.of("taxpayer"), VidUpstreamConfig::read));

    private static final Pattern PIN = Pattern.compile("sha256/[A-Za-z0-9+/]{43}=");

    private final Map<String, String> environment;

    LookupsReader(Map<String, String> environment) {
        this.environment = environment;
    }

    LookupsConfig read(Section s) {
        int before = s.problemsCount();
        Map<String, RegisterConfig> connected = new LinkedHashMap<>();
        for (RegisterSection register : REGISTERS) {
            s.optional(register.name()).flatMap(Node::section).map(r -> register.reader().read(r, environment))
                    .ifPresent(c -> connected.put(register.name(), c));
        }
        if (REGISTERS.stream().noneMatch(r -> s.has(r.name()))) {
            s.problem("no register", "at least one of " + String.join(", ", REGISTERS.stream().map(RegisterSection::name)
                    .toList()) + " (without a register, omit the lookups section)");
        }
        String storageKey = s.required("storageKeyLabel",
                        "the label of an RSA key on the token from which the cache and watchlist keys are derived")
                .flatMap(Node::text).orElse(null);
        Integer[] bounds = new Integer[2];
        s.required("cache", "maxEntries and hotEntries").flatMap(Node::section).ifPresent(c -> {
            bounds[0] = c.required("maxEntries", "entries kept on disk, e.g. 200000")
                    .flatMap(n -> n.integer(100, 50_000_000)).orElse(null);
            bounds[1] = c.required("hotEntries", "decoded entries kept in memory, e.g. 20000")
                    .flatMap(n -> n.integer(10, 1_000_000)).orElse(null);
            c.end();
        });
        Duration feed = s.required("changeFeedInterval", "how often change feeds are read, e.g. 5m")
                .flatMap(n -> n.parse(t -> Units.duration(t, Duration.ofSeconds(1), Duration.ofDays(1)))).orElse(null);
        Map<String, LookupsConfig.RegisterTerms> terms = s.required("registers",
                        "freshness and fee per register part, e.g. viss.legal-entity: {ttl: 24h, ...}")
                .flatMap(Node::section).map(r -> registers(r, s)).orElse(Map.of());
        s.end();
        if (s.problemsCount() > before) {
            return null;
        }
        return new LookupsConfig(connected, storageKey, bounds[0], bounds[1], terms, feed);
    }

    private static Map<String, LookupsConfig.RegisterTerms> registers(Section s, Section lookups) {
        Map<String, LookupsConfig.RegisterTerms> out = new LinkedHashMap<>();
        List<String> needed = new ArrayList<>();
        for (RegisterSection register : REGISTERS) {
            if (lookups.has(register.name())) {
                register.dataClasses().forEach(c -> needed.add(LookupsConfig.termsKey(register.name(), c)));
            }
        }
        for (String part : needed) {
            s.required(part, "ttl, notFoundTtl, staleIfError and feeCents").flatMap(Node::section)
                    .map(LookupsReader::terms).ifPresent(t -> out.put(part, t));
        }
        s.end();
        return out;
    }

    private static LookupsConfig.RegisterTerms terms(Section s) {
        int before = s.problemsCount();
        Duration ttl = duration(s, "ttl", "how long an answer is fresh, e.g. 24h", Duration.ZERO, Duration.ofDays(365));
        Duration notFound = duration(s, "notFoundTtl", "how long a not-found is believed, e.g. 10m", Duration.ZERO,
                Duration.ofDays(7));
        Duration stale = duration(s, "staleIfError", "how long past freshness an answer may serve when the register"
                + " fails, e.g. 72h", Duration.ZERO, Duration.ofDays(365));
        Integer fee = s.required("feeCents", "the fee of one call in euro cents, e.g. 15")
                .flatMap(n -> n.integer(0, 1_000_000)).orElse(null);
        s.end();
        return s.problemsCount() > before ? null : new LookupsConfig.RegisterTerms(ttl, notFound, stale, fee);
    }

    /** The endpoint keys every register section has: baseUri, trustedCa, spkiPins, clientKey, maxConnections. */
    static UpstreamEndpoint endpoint(Section s) {
        URI base = s.required("baseUri", "the register's HTTPS base, e.g. https://apigw.viss.gov.lv")
                .flatMap(n -> n.parse(LookupsReader::httpsUri)).orElse(null);
        Path ca = s.required("trustedCa", "a PEM file with the CA certificates trusted for this register only")
                .flatMap(n -> n.parse(Units::absolutePath).map(p -> existing(n, p))).orElse(null);
        List<String> pins = new ArrayList<>();
        s.optional("spkiPins").flatMap(Node::list).ifPresent(list -> list.forEach(n -> n.text().ifPresent(t -> {
            if (PIN.matcher(t).matches()) {
                pins.add(t);
            } else {
                n.problem("sha256/<base64 of 32 bytes>, as openssl or okhttp print SPKI pins");
            }
        })));
        String[] key = new String[1];
        Path[] chain = new Path[1];
        s.required("clientKey", "label and certificateChain").flatMap(Node::section).ifPresent(k -> {
            key[0] = k.required("label", "the label of the client key on the token").flatMap(Node::text).orElse(null);
            chain[0] = k.required("certificateChain", "a PEM file with the client certificate chain, leaf first")
                    .flatMap(n -> n.parse(Units::absolutePath).map(p -> existing(n, p))).orElse(null);
            k.end();
        });
        int maxConnections = s.optional("maxConnections")
                .map(n -> n.integer(UpstreamEndpoint.MIN_CONNECTIONS, UpstreamEndpoint.MAX_CONNECTIONS)
                        .orElse(UpstreamEndpoint.DEFAULT_MAX_CONNECTIONS))
                .orElse(UpstreamEndpoint.DEFAULT_MAX_CONNECTIONS);
        return new UpstreamEndpoint(base, ca, pins, key[0], chain[0], maxConnections);
    }

    /** A register's client secret: {@code file:} or {@code env:}. */
    static SecretSource secret(Section s, Map<String, String> environment) {
        return SecretReader.read(s, environment, "/etc/sargs/viss-client.secret", "SARGS_VISS_SECRET");
    }

    static Duration duration(Section s, String key, String expected, Duration min, Duration max) {
        return s.required(key, expected).flatMap(n -> n.parse(t -> Units.duration(t, min, max))).orElse(null);
    }

    private static Path existing(Node n, Path p) {
        if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
            n.problem("an existing, readable file");
        }
        return p;
    }

    /** An https URI with a host and no query; the reader's message otherwise. */
    static URI httpsUri(String text) {
        try {
            URI uri = new URI(text);
            if (!"https".equals(uri.getScheme()) || uri.getHost() == null || uri.getQuery() != null) {
                throw new IllegalArgumentException("expected: an https URI with a host and no query");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("expected: an https URI such as https://apigw.viss.gov.lv");
        }
    }
}

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
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads the optional {@code lookups} section: the registers connected, the cache and each part's terms. */
final class LookupsReader {

    /** The register parts the gateway asks, by {@code source.dataClass}; a connected source needs terms for each. */
    static final Map<String, List<String>> PARTS = Map.of(
            "viss", List.of("viss.legal-entity", "viss.beneficial-owners", "viss.insolvency-proceedings",
                    "viss.natural-person"),
            "fpr", List.of("fpr.person"));

    private static final Pattern PIN = Pattern.compile("sha256/[A-Za-z0-9+/]{43}=");

    private final Map<String, String> environment;

    LookupsReader(Map<String, String> environment) {
        this.environment = environment;
    }

    LookupsConfig read(Section s) {
        int before = s.problemsCount();
        Optional<VissUpstreamConfig> viss = s.optional("viss").flatMap(Node::section).map(this::viss);
        Optional<FprUpstreamConfig> fpr = s.optional("fpr").flatMap(Node::section).map(this::fpr);
        if (!s.has("viss") && !s.has("fpr")) {
            s.problem("no register", "at least one of viss or fpr (without a register, omit the lookups section)");
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
                .flatMap(Node::section).map(r -> registers(r, s.has("viss"), s.has("fpr"))).orElse(Map.of());
        s.end();
        if (s.problemsCount() > before) {
            return null;
        }
        return new LookupsConfig(viss, fpr, storageKey, bounds[0], bounds[1], terms, feed);
    }

    private Map<String, LookupsConfig.RegisterTerms> registers(Section s, boolean viss, boolean fpr) {
        Map<String, LookupsConfig.RegisterTerms> out = new LinkedHashMap<>();
        List<String> needed = new ArrayList<>();
        if (viss) {
            needed.addAll(PARTS.get("viss"));
        }
        if (fpr) {
            needed.addAll(PARTS.get("fpr"));
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

    private VissUpstreamConfig viss(Section s) {
        int before = s.problemsCount();
        UpstreamEndpoint endpoint = endpoint(s);
        String clientId = s.required("clientId", "the consumer key from the VISS developer portal")
                .flatMap(Node::text).orElse(null);
        SecretSource secret = s.required("clientSecret", "file: <path> or env: <VARIABLE>").flatMap(Node::section)
                .map(this::secret).orElse(null);
        String audience = s.required("audience",
                        "the token endpoint as VISS expects it in aud, e.g. https://ha.viss.gov.lv/STS/VISS.Pfas.STS/oauth2/token")
                .flatMap(Node::text).orElse(null);
        Duration lifetime = duration(s, "assertionLifetime", "300s to 600s", Duration.ofSeconds(300),
                Duration.ofSeconds(600));
        s.end();
        return s.problemsCount() > before ? null
                : new VissUpstreamConfig(endpoint, clientId, secret, audience, lifetime);
    }

    private FprUpstreamConfig fpr(Section s) {
        int before = s.problemsCount();
        UpstreamEndpoint endpoint = endpoint(s);
        String clientId = s.required("clientId", "the registered client's id").flatMap(Node::text).orElse(null);
        SecretSource secret = s.required("clientSecret", "file: <path> or env: <VARIABLE>").flatMap(Node::section)
                .map(this::secret).orElse(null);
        String permission = s.required("permission", "the DAGR permission number, sent as X-DAGR-Permission")
                .flatMap(Node::text).orElse(null);
        s.end();
        return s.problemsCount() > before ? null : new FprUpstreamConfig(endpoint, clientId, secret, permission);
    }

    private static UpstreamEndpoint endpoint(Section s) {
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
        return new UpstreamEndpoint(base, ca, pins, key[0], chain[0]);
    }

    private SecretSource secret(Section s) {
        return SecretReader.read(s, environment, "/etc/sargs/viss-client.secret", "SARGS_VISS_SECRET");
    }

    private static Duration duration(Section s, String key, String expected, Duration min, Duration max) {
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

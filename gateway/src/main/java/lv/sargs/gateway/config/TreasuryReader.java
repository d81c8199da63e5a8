package lv.sargs.gateway.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads the optional {@code treasury} section. What security, identity or money depends on (eKase
 * endpoint, trust, client key, user, password, mode, timeouts, roles, storage key) is required;
 * the engineering knobs the reference config shows with their defaults may be left out.
 */
final class TreasuryReader {

    /** Defaults of the optional knobs, as the reference config shows them. */
    static final Duration POLL_INTERVAL = Duration.ofSeconds(2);
    static final Duration RETRY_MIN = Duration.ofSeconds(1);
    static final Duration RETRY_MAX = Duration.ofSeconds(60);
    static final int REQUEST_THREADS = 2;
    static final int REQUEST_QUEUE = 256;
    static final TreasuryConfig.Xml XML = new TreasuryConfig.Xml(4 << 20, 32, 100_000, 16);

    private final Map<String, String> environment;

    TreasuryReader(Map<String, String> environment) {
        this.environment = environment;
    }

    TreasuryConfig read(Section s) {
        int before = s.problemsCount();
        TreasuryConfig.Ekase ekase = s.required("ekase", "baseUri, trustedCa, clientKey, user, password, mode and timeouts")
                .flatMap(Node::section).map(this::ekase).orElse(null);
        String storageKey = s.required("storageKeyLabel",
                        "the label of an RSA key on the token from which the payment store's key is derived")
                .flatMap(Node::text).orElse(null);
        List<Set<String>> roles = roles(s);
        Duration poll = optionalDuration(s, "pollInterval", POLL_INTERVAL, Duration.ofMillis(10), Duration.ofHours(1));
        Duration[] retry = {RETRY_MIN, RETRY_MAX};
        s.optional("retry").flatMap(Node::section).ifPresent(r -> {
            retry[0] = optionalDuration(r, "min", RETRY_MIN, Duration.ofMillis(10), Duration.ofHours(1));
            retry[1] = optionalDuration(r, "max", RETRY_MAX, Duration.ofMillis(10), Duration.ofDays(1));
            r.end();
            if (retry[0] != null && retry[1] != null && retry[1].compareTo(retry[0]) < 0) {
                r.problem("max " + Units.show(retry[1]) + " below min " + Units.show(retry[0]), "max at least min");
            }
        });
        Integer threads = optional(s, "requestThreads", REQUEST_THREADS, n -> n.integer(1, 64));
        Integer queue = optional(s, "requestQueue", REQUEST_QUEUE, n -> n.integer(1, 100_000));
        TreasuryConfig.Xml xml = s.optional("xml").flatMap(Node::section).map(TreasuryReader::xml).orElse(XML);
        s.end();
        if (s.problemsCount() > before) {
            return null;
        }
        return new TreasuryConfig(ekase, storageKey, roles.get(0), roles.get(1), poll, retry[0], retry[1], threads, queue, xml);
    }

    private TreasuryConfig.Ekase ekase(Section s) {
        int before = s.problemsCount();
        URI base = s.required("baseUri", "eKase's HTTPS base, as the Treasury gives it")
                .flatMap(n -> n.parse(LookupsReader::httpsUri)).orElse(null);
        Path ca = s.required("trustedCa", "a PEM file with the CA certificates trusted for eKase only")
                .flatMap(n -> n.parse(Units::absolutePath).map(p -> {
                    CertificateFiles.checkCaFile(n, p);
                    return p;
                })).orElse(null);
        String[] key = new String[1];
        Path[] chain = new Path[1];
        s.required("clientKey", "label and certificateChain").flatMap(Node::section).ifPresent(k -> {
            key[0] = k.required("label", "the label of the Treasury-issued client certificate's key on the token")
                    .flatMap(Node::text).orElse(null);
            chain[0] = k.required("certificateChain", "a PEM file with the client certificate chain, leaf first")
                    .flatMap(n -> n.parse(Units::absolutePath).map(p -> {
                        CertificateFiles.read(n, p);
                        return p;
                    })).orElse(null);
            k.end();
        });
        String user = s.required("user", "the eKase user the Treasury registered for this gateway")
                .flatMap(n -> n.text().map(u -> {
                    if (u.indexOf(':') >= 0) {
                        n.problem("a user name without ':' (HTTP Basic)");
                    }
                    return u;
                })).orElse(null);
        SecretSource password = s.required("password", "file: <path> or env: <VARIABLE>").flatMap(Node::section)
                .map(p -> SecretReader.read(p, environment, "/run/credentials/sargs.service/ekase-password",
                        "SARGS_EKASE_PASSWORD")).orElse(null);
        TreasuryConfig.Mode mode = s.required("mode", "VIEW or MANAGE, the user's mode as registered at the Treasury")
                .flatMap(n -> n.parse(TreasuryReader::mode)).orElse(null);
        Duration connect = s.required("connectTimeout", "the longest a TCP connect plus TLS handshake may take, e.g. 1s")
                .flatMap(n -> n.parse(t -> Units.duration(t, Duration.ofMillis(100), Duration.ofMinutes(1)))).orElse(null);
        Duration request = s.required("requestTimeout", "the longest one eKase exchange may take, e.g. 1500ms")
                .flatMap(n -> n.parse(t -> Units.duration(t, Duration.ofMillis(100), Duration.ofMinutes(5)))).orElse(null);
        s.end();
        return s.problemsCount() > before ? null
                : new TreasuryConfig.Ekase(base, ca, key[0], chain[0], user, password, mode, connect, request);
    }

    /** The view roles and the manage roles; null (reported) when missing, empty or overlapping. */
    private static List<Set<String>> roles(Section s) {
        Section r = s.required("roles", "view and manage: the client roles giving each eKase mode")
                .flatMap(Node::section).orElse(null);
        if (r == null) {
            return null;
        }
        Set<String> view = r.required("view", "client roles that may read reports, e.g. [treasury-view]")
                .flatMap(TreasuryReader::names).orElse(null);
        Set<String> manage = r.required("manage", "client roles that may also pay, e.g. [treasury-manage]")
                .flatMap(TreasuryReader::names).orElse(null);
        r.end();
        if (view == null || manage == null) {
            return null;
        }
        for (String role : view) {
            if (manage.contains(role)) {
                r.problem(role + " in both view and manage", "each role in one mode only");
                return null;
            }
        }
        return List.of(view, manage);
    }

    private static Optional<Set<String>> names(Node node) {
        return ClientsReader.names(node).map(names -> {
            if (names.isEmpty()) {
                node.problem("at least one role, e.g. [treasury-view]");
            }
            return names;
        });
    }

    private static TreasuryConfig.Xml xml(Section s) {
        Integer bytes = optional(s, "maxBytes", XML.maxBytes(), n -> n.parse(t -> (int) Units.size(t, 1 << 10, 64L << 20)));
        Integer depth = optional(s, "maxDepth", XML.maxDepth(), n -> n.integer(4, 256));
        Integer elements = optional(s, "maxElements", XML.maxElements(), n -> n.integer(10, 10_000_000));
        Integer attributes = optional(s, "maxAttributes", XML.maxAttributes(), n -> n.integer(1, 256));
        s.end();
        return bytes == null || depth == null || elements == null || attributes == null ? null
                : new TreasuryConfig.Xml(bytes, depth, elements, attributes);
    }

    private static TreasuryConfig.Mode mode(String text) {
        return switch (text) {
            case "VIEW" -> TreasuryConfig.Mode.VIEW;
            case "MANAGE" -> TreasuryConfig.Mode.MANAGE;
            default -> throw new IllegalArgumentException("VIEW or MANAGE, the user's mode as registered at the Treasury");
        };
    }

    /** The duration under {@code key}, or {@code fallback} when the key is left out; null (reported) when invalid. */
    private static Duration optionalDuration(Section s, String key, Duration fallback, Duration min, Duration max) {
        return optional(s, key, fallback, n -> n.parse(t -> Units.duration(t, min, max)));
    }

    /** The value under {@code key}, or {@code fallback} when the key is left out; null (reported) when invalid. */
    private static <T> T optional(Section s, String key, T fallback, Function<Node, Optional<T>> read) {
        Optional<Node> node = s.optional(key);
        return node.isEmpty() ? fallback : read.apply(node.get()).orElse(null);
    }
}

package lv.sargs.gateway.config;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads {@code listeners.client} and {@code listeners.management}. */
final class ListenersReader {

    static final String ENDPOINT = "an IP address and port such as 0.0.0.0:8443";
    static final String CIDRS = "a list of address blocks such as [10.20.0.0/16, 2001:db8::/48]; [] admits nobody";
    static final Set<String> PROTOCOLS = Set.of("TLSv1.3", "TLSv1.2");

    private final Instant now;

    ListenersReader(Instant now) {
        this.now = now;
    }

    /** Both listeners; nulls where a listener has problems. */
    record Listeners(ClientListenerConfig client, ManagementListenerConfig management) {
    }

    Listeners read(Section listeners) {
        ClientListenerConfig client = listeners.required("client", "the client listener: bind, allowList, tls, limits")
                .flatMap(Node::section).map(this::client).orElse(null);
        ManagementListenerConfig management = listeners.required("management",
                        "the management listener: bind, allowList and, off loopback, tls")
                .flatMap(Node::section).map(this::management).orElse(null);
        listeners.end();
        return new Listeners(client, management);
    }

    private ClientListenerConfig client(Section s) {
        int before = s.problemsCount();
        Endpoint bind = s.required("bind", ENDPOINT).flatMap(n -> n.parse(Units::endpoint)).orElse(null);
        List<Cidr> allow = s.required("allowList", CIDRS).flatMap(ListenersReader::cidrs).orElse(null);
        ServerTls tls = s.required("tls", "keyLabel, certificateChain, clientCa, protocols, optionally provider")
                .flatMap(Node::section).map(t -> tls(t, true)).orElse(null);
        Limits limits = s.required("limits", "the listener's limits").flatMap(Node::section)
                .map(ListenersReader::limits).orElse(null);
        RequestDeadlines deadlines = s.optional("deadlines").map(n -> n.section().map(RequestDeadlines::read).orElse(null))
                .orElse(RequestDeadlines.DEFAULTS);
        ClientRateLimit rateLimit = s.optional("rateLimit").map(n -> n.section().map(ClientRateLimit::read).orElse(null))
                .orElse(ClientRateLimit.DEFAULTS);
        BodyLimits bodyLimits = s.optional("bodyLimits").map(n -> n.section()
                        .map(b -> limits == null ? null : BodyLimits.read(b, limits.maxBodyBytes())).orElse(null))
                .orElse(limits == null ? null : BodyLimits.defaults(limits.maxBodyBytes()));
        s.end();
        return s.problemsCount() > before || deadlines == null || rateLimit == null || bodyLimits == null ? null
                : new ClientListenerConfig(bind, allow, tls, limits, deadlines, rateLimit, bodyLimits);
    }

    private ManagementListenerConfig management(Section s) {
        int before = s.problemsCount();
        Endpoint bind = s.required("bind", "an IP address and port such as 127.0.0.1:9090")
                .flatMap(n -> n.parse(Units::endpoint)).orElse(null);
        List<Cidr> allow = s.required("allowList", CIDRS).flatMap(ListenersReader::cidrs).orElse(null);
        Optional<Node> tlsNode = s.optional("tls");
        ServerTls tls = tlsNode.flatMap(Node::section).map(t -> tls(t, false)).orElse(null);
        if (bind != null && !bind.isLoopback() && tlsNode.isEmpty()) {
            s.problem("bind " + bind + " without tls",
                    "a tls block: plain HTTP is allowed only on a loopback address such as 127.0.0.1");
        }
        s.end();
        return s.problemsCount() > before ? null
                : new ManagementListenerConfig(bind, allow, Optional.ofNullable(tls));
    }

    static Optional<List<Cidr>> cidrs(Node node) {
        return node.list().map(items -> {
            List<Cidr> out = new ArrayList<>();
            Set<Cidr> seen = new HashSet<>();
            for (Node item : items) {
                item.parse(Cidr::parse).ifPresent(c -> {
                    if (!seen.add(c)) {
                        item.problem("each address block once");
                    }
                    out.add(c);
                });
            }
            return out;
        });
    }

    /** @param providerAllowed whether {@code provider} may be set (the client listener only) */
    private ServerTls tls(Section s, boolean providerAllowed) {
        int before = s.problemsCount();
        String keyLabel = s.required("keyLabel", "the label of the server key on the token")
                .flatMap(Node::text).orElse(null);
        Path chain = s.required("certificateChain", "a PEM file with the server certificate chain, leaf first")
                .flatMap(n -> n.parse(Units::absolutePath).map(p -> {
                    CertificateFiles.checkServerChain(n, p, now);
                    return p;
                })).orElse(null);
        Path clientCa = s.required("clientCa", "a PEM file with the CA certificates client certificates chain to")
                .flatMap(n -> n.parse(Units::absolutePath).map(p -> {
                    CertificateFiles.checkCaFile(n, p);
                    return p;
                })).orElse(null);
        List<String> protocols = s.required("protocols", "[TLSv1.3, TLSv1.2] or a subset")
                .flatMap(ListenersReader::protocols).orElse(null);
        TlsProvider provider = providerAllowed
                ? s.optional("provider").flatMap(n -> n.parse(ListenersReader::provider)).orElse(TlsProvider.DEFAULT)
                : TlsProvider.JDK;
        s.end();
        return s.problemsCount() > before ? null : new ServerTls(keyLabel, chain, clientCa, protocols, provider);
    }

    private static TlsProvider provider(String text) {
        try {
            return TlsProvider.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("JDK or OPENSSL");
        }
    }

    private static Optional<List<String>> protocols(Node node) {
        return node.list().map(items -> {
            List<String> out = new ArrayList<>();
            for (Node item : items) {
                item.text().ifPresent(p -> {
                    if (!PROTOCOLS.contains(p) || out.contains(p)) {
                        item.problem("TLSv1.3 or TLSv1.2, each once");
                    }
                    out.add(p);
                });
            }
            if (items.isEmpty()) {
                node.problem("at least one of TLSv1.3, TLSv1.2");
            }
            return out;
        });
    }

    private static Limits limits(Section s) {
        int before = s.problemsCount();
        Integer header = s.required("maxHeaderSize", "request line plus headers, e.g. 16KiB")
                .flatMap(n -> n.parse(t -> (int) Units.size(t, 1 << 10, 1 << 20))).orElse(null);
        Long body = s.required("maxBodySize", "request body, e.g. 10MiB")
                .flatMap(n -> n.parse(t -> Units.size(t, 0, 1L << 30))).orElse(null);
        Duration idle = s.required("idleTimeout", "a duration, e.g. 60s")
                .flatMap(n -> n.parse(t -> Units.duration(t, Duration.ofSeconds(1), Duration.ofHours(1)))).orElse(null);
        Duration handshake = s.required("handshakeTimeout", "a duration, e.g. 10s")
                .flatMap(n -> n.parse(t -> Units.duration(t, Duration.ofMillis(100), Duration.ofMinutes(1))))
                .orElse(null);
        Integer perSource = s.required("maxConnectionsPerSource", "a whole number, e.g. 64")
                .flatMap(n -> n.integer(1, 100_000)).orElse(null);
        Integer inFlight = s.required("maxRequestsInFlight", "a whole number, e.g. 256")
                .flatMap(n -> n.integer(1, 100_000)).orElse(null);
        Duration request = s.required("requestTimeout", "a duration, e.g. 3s")
                .flatMap(n -> n.parse(t -> Units.duration(t, Duration.ofMillis(100), Duration.ofMinutes(5))))
                .orElse(null);
        s.end();
        return s.problemsCount() > before ? null
                : new Limits(header, body, idle, handshake, perSource, inFlight, request);
    }
}

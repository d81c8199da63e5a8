package lv.sargs.provisioning;

import java.util.List;

/**
 * Renders the gateway config {@code init} writes from its answers: the reference config's
 * recommended values, the answers' names and paths, and a section per configured upstream.
 * The text is deterministic, so a second {@code init} with the same answers finds it unchanged.
 */
final class InitConfig {

    static final String LISTENER_KEY = "sargs-listener";
    static final String STORAGE_KEY = "sargs-storage";
    static final String VISS_KEY = "viss-client";
    static final String FPR_KEY = "fpr-client";
    static final String EKASE_KEY = "sargs-ekase";
    static final String TREASURY_STORAGE_KEY = "sargs-treasury-storage";

    /** The CA file core systems' client certificates must chain to, in the PKI directory. */
    static final String CLIENTS_CA = "clients-ca.pem";

    private InitConfig() {
    }

    static String render(InitAnswers a) {
        StringBuilder y = new StringBuilder(4096);
        y.append("""
                # Written by sargs-admin init; edit freely (init never overwrites a config it did not write
                # identically). Every key is explained in the reference config, /usr/share/doc/sargs/sargs.yaml.
                # Clients are declared in clients.d/*.yaml next to this file (sargs-admin clients add).
                version: 1

                listeners:
                  client:
                    bind: %s
                    allowList: %s
                    tls:
                      keyLabel: %s
                      certificateChain: %s
                      clientCa: %s
                      protocols: [TLSv1.3, TLSv1.2]
                      provider: JDK
                    limits:
                      maxHeaderSize: 16KiB
                      maxBodySize: 10MiB
                      idleTimeout: 60s
                      handshakeTimeout: 10s
                      maxConnectionsPerSource: 64
                      maxRequestsInFlight: 256
                      requestTimeout: 3s
                  management:
                    bind: %s
                    allowList: [127.0.0.1/32, "::1/128"]

                clients: []

                token:
                  pkcs11:
                    library: %s
                    tokenLabel: %s
                    pin: {file: %s}
                    queueCapacity: 64
                    operationDeadline: 2s
                    probeInterval: 1s

                dataDirectory: %s

                shutdown:
                  grace: 20s
                """.formatted(q(a.clientBind()), flow(a.allow()), LISTENER_KEY, q(a.chain(LISTENER_KEY)),
                q(a.pkiDirectory().resolve(CLIENTS_CA)), q(a.managementBind()), q(a.tokenLibrary()), quote(a.tokenLabel()),
                q(a.pinFile()), q(a.dataDirectory())));
        if (a.lookups()) {
            lookups(y, a);
        }
        if (a.has("ekase")) {
            treasury(y, a);
        }
        return y.toString();
    }

    private static void lookups(StringBuilder y, InitAnswers a) {
        y.append("""

                lookups:
                  storageKeyLabel: %s
                  cache: {maxEntries: 200000, hotEntries: 20000}
                  changeFeedInterval: 5m
                """.formatted(STORAGE_KEY));
        if (a.has("viss")) {
            InitAnswers.Viss v = a.viss();
            y.append("""
                      viss:
                        baseUri: %s
                        trustedCa: %s
                        clientKey: {label: %s, certificateChain: %s}
                        clientId: %s
                        clientSecret: {file: %s}
                        audience: %s
                        assertionLifetime: 300s
                    """.formatted(q(v.baseUri()), q(a.pkiDirectory().resolve("viss-ca.pem")), VISS_KEY, q(a.chain(VISS_KEY)),
                    quote(v.clientId()), q(v.secretFile()), q(v.audience())));
        }
        if (a.has("fpr")) {
            InitAnswers.Fpr f = a.fpr();
            y.append("""
                      fpr:
                        baseUri: %s
                        trustedCa: %s
                        clientKey: {label: %s, certificateChain: %s}
                        clientId: %s
                        clientSecret: {file: %s}
                        permission: %s
                    """.formatted(q(f.baseUri()), q(a.pkiDirectory().resolve("fpr-ca.pem")), FPR_KEY, q(a.chain(FPR_KEY)),
                    quote(f.clientId()), q(f.secretFile()), quote(f.permission())));
        }
        y.append("  registers:\n");
        if (a.has("viss")) {
            y.append("""
                        viss.legal-entity: {ttl: 24h, notFoundTtl: 10m, staleIfError: 72h, feeCents: 15}
                        viss.beneficial-owners: {ttl: 24h, notFoundTtl: 10m, staleIfError: 72h, feeCents: 15}
                        viss.insolvency-proceedings: {ttl: 6h, notFoundTtl: 10m, staleIfError: 24h, feeCents: 10}
                        viss.natural-person: {ttl: 24h, notFoundTtl: 10m, staleIfError: 72h, feeCents: 15}
                    """);
        }
        if (a.has("fpr")) {
            y.append("    fpr.person: {ttl: 24h, notFoundTtl: 10m, staleIfError: 72h, feeCents: 30}\n");
        }
    }

    private static void treasury(StringBuilder y, InitAnswers a) {
        InitAnswers.Ekase e = a.ekase();
        y.append("""

                treasury:
                  storageKeyLabel: %s
                  ekase:
                    baseUri: %s
                    trustedCa: %s
                    clientKey: {label: %s, certificateChain: %s}
                    user: %s
                    password: {file: %s}
                    mode: %s
                    connectTimeout: 1s
                    requestTimeout: 1500ms
                  roles:
                    view: [treasury-view]
                    manage: [treasury-manage]
                """.formatted(TREASURY_STORAGE_KEY, q(e.baseUri()), q(a.pkiDirectory().resolve("ekase-ca.pem")), EKASE_KEY,
                q(a.chain(EKASE_KEY)), quote(e.user()), q(e.passwordFile()), e.mode()));
    }

    private static String flow(List<String> items) {
        return "[" + String.join(", ", items.stream().map(InitConfig::quote).toList()) + "]";
    }

    private static String q(Object value) {
        return quote(String.valueOf(value));
    }

    /** A YAML double-quoted scalar, so ids and numbers stay text whatever they look like. */
    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}

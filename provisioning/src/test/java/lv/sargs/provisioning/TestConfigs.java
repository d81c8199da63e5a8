package lv.sargs.provisioning;

import java.nio.file.Path;

/** The parts of a test config every admin-tool test needs the same: listeners on loopback and no clients. */
final class TestConfigs {

    private TestConfigs() {
    }

    /**
     * {@code version}, {@code listeners} and an empty {@code clients}: the listener key
     * {@code sargs-listener} with {@code dir/listener-chain.pem}, client CA {@code dir/<clientCa>}.
     */
    static String listeners(Path dir, String clientCa, int managementPort) {
        return """
                version: 1
                listeners:
                  client:
                    bind: 127.0.0.1:0
                    allowList: [127.0.0.1/32]
                    tls: {keyLabel: sargs-listener, certificateChain: %1$s/listener-chain.pem,
                          clientCa: %1$s/%2$s, protocols: [TLSv1.3]}
                    limits: {maxHeaderSize: 16KiB, maxBodySize: 1MiB, idleTimeout: 60s, handshakeTimeout: 10s,
                             maxConnectionsPerSource: 64, maxRequestsInFlight: 64, requestTimeout: 3s}
                  management: {bind: "127.0.0.1:%3$d", allowList: [127.0.0.1/32]}
                clients: []
                """.formatted(dir, clientCa, managementPort);
    }

    /**
     * A {@code lookups} section with VISS only: storage key {@code sargs-storage}, client key
     * {@code viss-client} with {@code dir/<chain>}, CA {@code dir/ca.pem}, secret {@code dir/viss-secret}.
     */
    static String vissLookups(Path dir, String baseUri, String pins, String chain, String clientId, String audience) {
        return """
                lookups:
                  storageKeyLabel: sargs-storage
                  cache: {maxEntries: 1000, hotEntries: 100}
                  changeFeedInterval: 5m
                  viss:
                    baseUri: %2$s
                    trustedCa: %1$s/ca.pem
                    spkiPins: %3$s
                    clientKey: {label: viss-client, certificateChain: %1$s/%4$s}
                    clientId: %5$s
                    clientSecret: {file: %1$s/viss-secret}
                    audience: %6$s
                    assertionLifetime: 300s
                  registers:
                    viss.legal-entity: {ttl: 24h, notFoundTtl: 10m, staleIfError: 72h, feeCents: 15}
                    viss.beneficial-owners: {ttl: 24h, notFoundTtl: 10m, staleIfError: 72h, feeCents: 15}
                    viss.insolvency-proceedings: {ttl: 6h, notFoundTtl: 10m, staleIfError: 24h, feeCents: 10}
                    viss.natural-person: {ttl: 24h, notFoundTtl: 10m, staleIfError: 72h, feeCents: 15}
                """.formatted(dir, baseUri, pins, chain, clientId, audience);
    }
}

package lv.sargs.sandbox.demo;

import java.nio.file.Path;
import lv.sargs.gateway.config.TlsProvider;

/**
 * The config the demo runs with: the shape of the reference {@code sargs.yaml}, on loopback
 * (client 127.0.0.1:8443, management 127.0.0.1:9090), with the demo token.
 */
public final class DemoConfig {

    static final int CLIENT_PORT = 8443;
    static final int MANAGEMENT_PORT = 9090;

    private DemoConfig() {
    }

    /** The config, with {@code sections} (top-level YAML, e.g. the lookups section) appended. */
    static String yaml(DemoPki pki, Path dataDirectory, String sections) {
        return yaml(pki, dataDirectory, sections, (TlsProvider) null);
    }

    /**
     * As {@link #yaml(DemoPki, Path, String)}, the client listener on {@code provider} (for load
     * scenarios); null leaves the setting out, so the listener runs the shipped default (OPENSSL).
     */
    static String yaml(DemoPki pki, Path dataDirectory, String sections, TlsProvider provider) {
        return yaml(pki, dataDirectory, sections, CLIENT_PORT, MANAGEMENT_PORT, provider);
    }

    /** As the demo's, on the given ports (0 for any free one, as tests bind). */
    public static String yaml(DemoPki pki, Path dataDirectory, String sections, int clientPort, int managementPort) {
        return yaml(pki, dataDirectory, sections, clientPort, managementPort, null);
    }

    private static String yaml(DemoPki pki, Path dataDirectory, String sections, int clientPort, int managementPort,
                               TlsProvider provider) {
        return """
                # Written by the Sargs demo (scripts/demo). NOT FOR PRODUCTION: demo token, keys in memory.
                # The reference config with every key explained: image/src/main/config/sargs.yaml
                version: 1
                listeners:
                  client:
                    bind: 127.0.0.1:%d
                    allowList: [127.0.0.1/32]
                    tls:
                      keyLabel: %s
                      certificateChain: %s
                      clientCa: %s
                      protocols: [TLSv1.3, TLSv1.2]%s
                    limits:
                      maxHeaderSize: 16KiB
                      maxBodySize: 10MiB
                      idleTimeout: 60s
                      handshakeTimeout: 10s
                      maxConnectionsPerSource: 256
                      maxRequestsInFlight: 512
                      requestTimeout: 3s
                    # Load scenarios (bench) drive the one demo client far past the appliance's
                    # default of 200 per second: the demo lets it, or the figures would be of 429s.
                    rateLimit:
                      requestsPerSecond: 1000000
                      burst: 1000000
                  management:
                    bind: 127.0.0.1:%d
                    allowList: [127.0.0.1/32]
                clients:
                  - name: %s
                    certificate:
                      sha256: "%s"
                    sources: [127.0.0.1/32]
                    roles: [lookup, statistics, treasury-manage]
                    purposes: [kyc, aml]
                token:
                  demo: true
                dataDirectory: %s
                shutdown:
                  grace: 5s
                """.formatted(clientPort, DemoPki.LISTENER_KEY, pki.listenerChain, pki.caFile,
                provider == null ? "" : "\n      provider: " + provider,
                managementPort,
                DemoPki.CLIENT, pki.clientFingerprint, dataDirectory) + sections;
    }
}

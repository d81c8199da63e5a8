package lv.sargs.testkit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the text of a complete, valid gateway config for tests: both listeners on loopback, the
 * demo token, the limits of the reference config, and whatever clients and capability sections a
 * test adds. One builder, so a change to the config format changes the tests' configs in one place.
 */
public final class GatewayConfigYaml {

    private final Path certificateChain;
    private final Path clientCa;
    private final Path dataDirectory;
    private int clientPort;
    private int managementPort;
    private List<String> protocols = List.of("TLSv1.3", "TLSv1.2");
    private final Map<String, String> limits = new LinkedHashMap<>();
    private final List<String> clients = new ArrayList<>();
    private String grace = "5s";
    private final StringBuilder sections = new StringBuilder();

    private GatewayConfigYaml(Path certificateChain, Path clientCa, Path dataDirectory) {
        this.certificateChain = certificateChain;
        this.clientCa = clientCa;
        this.dataDirectory = dataDirectory;
        limits.put("maxHeaderSize", "16KiB");
        limits.put("maxBodySize", "1MiB");
        limits.put("idleTimeout", "60s");
        limits.put("handshakeTimeout", "10s");
        limits.put("maxConnectionsPerSource", "64");
        limits.put("maxRequestsInFlight", "256");
        limits.put("requestTimeout", "3s");
    }

    /** A config whose client listener presents {@code certificateChain} and trusts {@code clientCa}; ports 0. */
    public static GatewayConfigYaml loopback(Path certificateChain, Path clientCa, Path dataDirectory) {
        return new GatewayConfigYaml(certificateChain, clientCa, dataDirectory);
    }

    /** The listeners' ports on 127.0.0.1; 0 lets the system choose. */
    public GatewayConfigYaml ports(int client, int management) {
        this.clientPort = client;
        this.managementPort = management;
        return this;
    }

    /** The client listener's TLS protocols (default TLSv1.3 and TLSv1.2). */
    public GatewayConfigYaml protocols(String... protocols) {
        this.protocols = List.of(protocols);
        return this;
    }

    /** Replaces one of {@code listeners.client.limits}, e.g. {@code limit("requestTimeout", "20s")}. */
    public GatewayConfigYaml limit(String key, String value) {
        if (!limits.containsKey(key)) {
            throw new IllegalArgumentException("limit: " + key + " (expected: one of " + limits.keySet() + ")");
        }
        limits.put(key, value);
        return this;
    }

    /** Declares a client by its certificate's SHA-256 fingerprint, from 127.0.0.1, with one role and one purpose. */
    public GatewayConfigYaml client(String name, String sha256, String role, String purpose) {
        clients.add("""
                  - name: %s
                    certificate:
                      sha256: "%s"
                    sources: [127.0.0.1/32]
                    roles: [%s]
                    purposes: [%s]
                """.formatted(name, sha256, role, purpose));
        return this;
    }

    /** {@code shutdown.grace} (default 5s). */
    public GatewayConfigYaml shutdownGrace(String grace) {
        this.grace = grace;
        return this;
    }

    /** Appends a whole top-level section (e.g. {@code statistics:} and its keys), as YAML text. */
    public GatewayConfigYaml section(String yaml) {
        sections.append(yaml.endsWith("\n") ? yaml : yaml + "\n");
        return this;
    }

    /** The config's text. */
    public String yaml() {
        StringBuilder limitLines = new StringBuilder();
        limits.forEach((k, v) -> limitLines.append("      ").append(k).append(": ").append(v).append('\n'));
        return """
                version: 1
                listeners:
                  client:
                    bind: 127.0.0.1:%d
                    allowList: [127.0.0.1/32]
                    tls:
                      keyLabel: sargs-listener
                      certificateChain: %s
                      clientCa: %s
                      protocols: [%s]
                    limits:
                """.formatted(clientPort, certificateChain, clientCa, String.join(", ", protocols))
                + limitLines
                + """
                  management:
                    bind: 127.0.0.1:%d
                    allowList: [127.0.0.1/32]
                clients:
                """.formatted(managementPort)
                + String.join("", clients)
                + """
                token:
                  demo: true
                dataDirectory: %s
                shutdown:
                  grace: %s
                """.formatted(dataDirectory, grace)
                + sections;
    }
}

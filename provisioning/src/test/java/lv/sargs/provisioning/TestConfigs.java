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
}

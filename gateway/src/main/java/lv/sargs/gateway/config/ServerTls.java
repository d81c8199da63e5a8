package lv.sargs.gateway.config;

import java.nio.file.Path;
import java.util.List;

/**
 * TLS settings of a listener: the server key on the token (by label) with its explicit chain,
 * the CA certificates that client certificates must chain to, and the protocol versions.
 *
 * @param keyLabel the label of the server key on the token
 * @param certificateChain PEM file with the server certificate chain, leaf first
 * @param clientCa PEM file with the CA certificates trusted for client certificates
 * @param protocols subset of {@code TLSv1.3}, {@code TLSv1.2}
 */
public record ServerTls(String keyLabel, Path certificateChain, Path clientCa, List<String> protocols) {

    public ServerTls {
        protocols = List.copyOf(protocols);
    }
}

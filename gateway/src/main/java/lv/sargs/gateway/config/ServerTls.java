package lv.sargs.gateway.config;

import java.nio.file.Path;
import java.util.List;

/**
 * TLS settings of a listener: the server key on the token (by label) with its explicit chain,
 * the CA certificates that client certificates must chain to, the protocol versions, and the
 * TLS implementation.
 *
 * @param keyLabel the label of the server key on the token
 * @param certificateChain PEM file with the server certificate chain, leaf first
 * @param clientCa PEM file with the CA certificates trusted for client certificates
 * @param protocols subset of {@code TLSv1.3}, {@code TLSv1.2}
 * @param provider the TLS implementation requested (the client listener's; the management listener runs JDK)
 */
public record ServerTls(String keyLabel, Path certificateChain, Path clientCa, List<String> protocols,
                        TlsProvider provider) {

    public ServerTls {
        protocols = List.copyOf(protocols);
    }

    /** Settings with the JDK provider. */
    public ServerTls(String keyLabel, Path certificateChain, Path clientCa, List<String> protocols) {
        this(keyLabel, certificateChain, clientCa, protocols, TlsProvider.JDK);
    }
}

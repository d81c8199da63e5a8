package lv.sargs.gateway.admission;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import lv.sargs.gateway.config.Cidr;
import lv.sargs.gateway.config.ClientConfig;
import lv.sargs.gateway.config.ClientIdentity;
import lv.sargs.gateway.tls.CertificateFingerprint;

/**
 * The clients declared in config, matched against a connection's certificate (SHA-256 fingerprint
 * first, then subject and issuer) and source address; no declared client means nobody is recognised.
 */
public final class DeclaredClients {

    private final Map<ByteBuffer, ClientConfig> byFingerprint = new HashMap<>();
    private final List<ClientConfig> bySubjectAndIssuer = new ArrayList<>();

    public DeclaredClients(List<ClientConfig> clients) {
        for (ClientConfig client : clients) {
            if (client.identity() instanceof ClientIdentity.Fingerprint f) {
                byFingerprint.put(ByteBuffer.wrap(f.sha256()), client);
            } else {
                bySubjectAndIssuer.add(client);
            }
        }
    }

    /** The verdict on a client presenting {@code certificate} (already chained to the client CA) from {@code source}. */
    public ClientVerdict recognise(X509Certificate certificate, InetAddress source) {
        byte[] sha256 = CertificateFingerprint.sha256(certificate);
        ClientConfig client = find(certificate, sha256);
        if (client == null) {
            return new UnrecognizedClient(UnrecognizedClient.Reason.NOT_DECLARED,
                    "The presented client certificate is not declared on this gateway: subject \""
                            + certificate.getSubjectX500Principal().getName() + "\", issuer \""
                            + certificate.getIssuerX500Principal().getName() + "\", sha256 "
                            + CertificateFingerprint.format(sha256)
                            + ". Ask the gateway's admin to declare it as a client.", "");
        }
        byte[] address = source.getAddress();
        for (Cidr block : client.sources()) {
            if (block.contains(address)) {
                return RecognizedClient.of(client, source);
            }
        }
        return new UnrecognizedClient(UnrecognizedClient.Reason.OUTSIDE_SOURCES,
                "Client \"" + client.name() + "\" may not connect from " + source.getHostAddress()
                        + ". Ask the gateway's admin to add this address to the client's sources.",
                "declared sources: " + client.sources());
    }

    /** The declared client the certificate identifies, or null. */
    ClientConfig find(X509Certificate certificate, byte[] sha256) {
        ClientConfig byHash = byFingerprint.get(ByteBuffer.wrap(sha256));
        if (byHash != null) {
            return byHash;
        }
        for (ClientConfig client : bySubjectAndIssuer) {
            ClientIdentity.SubjectAndIssuer id = (ClientIdentity.SubjectAndIssuer) client.identity();
            if (id.subject().equals(certificate.getSubjectX500Principal())
                    && id.issuer().equals(certificate.getIssuerX500Principal())) {
                return client;
            }
        }
        return null;
    }
}

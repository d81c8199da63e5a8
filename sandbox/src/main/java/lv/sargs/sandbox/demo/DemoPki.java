package lv.sargs.sandbox.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import lv.sargs.hsm.KeyInfo;
import lv.sargs.hsm.KeySpec;
import lv.sargs.hsm.Token;
import lv.sargs.testkit.CertificateAuthority;
import lv.sargs.testkit.HeldCertificate;

/**
 * The demo's throwaway PKI, minted fresh on every run into {@code <dir>/pki}: a CA, the client
 * listener's certificate for a key generated on the demo token (the key never leaves it), and a
 * core-system client certificate with its key as PEM for curl.
 */
public final class DemoPki {

    /** The label of the client listener's key on the token. */
    public static final String LISTENER_KEY = "sargs-listener";
    /** The name of the demo's core-system client. */
    public static final String CLIENT = "core-banking";

    final Path caFile;
    final Path listenerChain;
    final Path clientCertificate;
    final Path clientKey;
    final String clientFingerprint;
    private final CertificateAuthority ca;
    private final HeldCertificate client;

    private DemoPki(Path caFile, Path listenerChain, Path clientCertificate, Path clientKey, String clientFingerprint,
                    CertificateAuthority ca, HeldCertificate client) {
        this.ca = ca;
        this.client = client;
        this.caFile = caFile;
        this.listenerChain = listenerChain;
        this.clientCertificate = clientCertificate;
        this.clientKey = clientKey;
        this.clientFingerprint = clientFingerprint;
    }

    /** Mints the PKI into {@code <dir>/pki}, the listener key on {@code token}. */
    public static DemoPki mint(Path dir, Token token) throws IOException {
        Path pki = Files.createDirectories(dir.resolve("pki"));
        CertificateAuthority ca = CertificateAuthority.create("Sargs Demo CA (NOT FOR PRODUCTION)");
        Path caFile = pki.resolve("ca.pem");
        ca.writeCertificatePem(caFile);

        KeyInfo key = token.generateKeyPair(LISTENER_KEY, KeySpec.EC_P256);
        X509Certificate listener = ca.issue("localhost").server("localhost", "127.0.0.1").certify(key.publicKey());
        token.importCertificateChain(LISTENER_KEY, List.of(listener));
        Path listenerChain = pki.resolve("listener-chain.pem");
        Files.writeString(listenerChain, LookupsWiring.pem(listener), StandardCharsets.US_ASCII);

        HeldCertificate client = ca.issue(CLIENT).client().build();
        Path clientCertificate = pki.resolve(CLIENT + ".pem");
        Path clientKey = pki.resolve(CLIENT + "-key.pem");
        client.writePem(clientCertificate, clientKey);
        return new DemoPki(caFile, listenerChain, clientCertificate, clientKey, fingerprint(client.certificate()), ca,
                client);
    }

    /** The CA, e.g. to issue more client certificates in a test. */
    public CertificateAuthority ca() {
        return ca;
    }

    /** The core-system client's certificate and key (the demo writes them as PEM for curl). */
    public HeldCertificate client() {
        return client;
    }

    /** SHA-256 fingerprint of a certificate as the config declares clients (hex, colon-separated). */
    public static String fingerprint(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint the demo client certificate", e);
        }
    }
}

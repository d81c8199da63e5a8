package lv.sargs.gateway.upstream.core;

import lv.sargs.gateway.upstream.core.ClientKey;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How we authenticate an upstream and ourselves to it: the only CA certificates trusted for its
 * server certificate (never the system store), optional SPKI pins, our client key, and how long a
 * handshake may take at most (the call's deadline may cut it shorter).
 *
 * @param trustedCas the upstream's CA certificates; at least one
 * @param spkiPins {@code sha256/<base64>} pins of a SubjectPublicKeyInfo anywhere in the server's
 *     chain, okhttp style; empty for no pinning
 * @param clientKey our key on the token and its registered chain
 * @param handshakeTimeout the longest a TLS handshake may take
 */
public record UpstreamTls(List<X509Certificate> trustedCas, List<String> spkiPins, ClientKey clientKey,
                          Duration handshakeTimeout) {

    private static final Pattern PIN = Pattern.compile("sha256/[A-Za-z0-9+/]{43}=");

    public UpstreamTls {
        trustedCas = List.copyOf(trustedCas);
        spkiPins = List.copyOf(spkiPins);
        if (trustedCas.isEmpty()) {
            throw new IllegalArgumentException("tls.trustedCas: empty (expected: the upstream's CA certificates)");
        }
        for (int i = 0; i < spkiPins.size(); i++) {
            if (!PIN.matcher(spkiPins.get(i)).matches()) {
                throw new IllegalArgumentException("tls.spkiPins[" + i + "]: " + spkiPins.get(i)
                        + " (expected: sha256/ followed by 44 base64 characters)");
            }
        }
        Settings.requirePositive("tls.handshakeTimeout", handshakeTimeout);
    }

    /**
     * The X.509 certificates in a PEM (or DER) file, e.g. an upstream's CA bundle, for
     * {@code trustedCas}; the message of a failure names the file and what was expected.
     */
    public static List<X509Certificate> readCertificates(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            List<X509Certificate> certificates = new ArrayList<>();
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                certificates.add((X509Certificate) c);
            }
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException("tls.trustedCas: " + file + ": no certificate (expected: PEM certificates)");
            }
            return List.copyOf(certificates);
        } catch (IOException e) {
            throw new IllegalArgumentException("tls.trustedCas: " + file + ": " + e.getMessage()
                    + " (expected: a readable PEM file)", e);
        } catch (CertificateException e) {
            throw new IllegalArgumentException("tls.trustedCas: " + file + ": " + e.getMessage()
                    + " (expected: PEM certificates)", e);
        }
    }
}

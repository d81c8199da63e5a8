package lv.sargs.gateway.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Reads PEM certificate files named in the config, reporting what is wrong with them as problems. */
final class CertificateFiles {

    private CertificateFiles() {
    }

    /** The certificates in the file, or empty (with a problem reported on {@code node}). */
    static List<X509Certificate> read(Node node, Path file) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            node.problem("a readable PEM file of certificates (no such file, or not readable by the service user)");
            return List.of();
        }
        List<X509Certificate> out = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            for (java.security.cert.Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                out.add((X509Certificate) c);
            }
        } catch (IOException | CertificateException e) {
            node.problem("PEM certificates (-----BEGIN CERTIFICATE-----); the file does not parse");
            return List.of();
        }
        if (out.isEmpty()) {
            node.problem("at least one PEM certificate (-----BEGIN CERTIFICATE-----)");
        }
        return out;
    }

    /** Checks a listener's chain: leaf first, valid now. */
    static void checkServerChain(Node node, Path file, Instant now) {
        List<X509Certificate> chain = read(node, file);
        if (chain.isEmpty()) {
            return;
        }
        X509Certificate leaf = chain.get(0);
        if (leaf.getNotAfter().toInstant().isBefore(now)) {
            node.problem("a certificate valid now; " + leaf.getSubjectX500Principal() + " expired "
                    + leaf.getNotAfter().toInstant());
        } else if (leaf.getNotBefore().toInstant().isAfter(now)) {
            node.problem("a certificate valid now; " + leaf.getSubjectX500Principal() + " is valid only from "
                    + leaf.getNotBefore().toInstant());
        }
    }

    /** Checks that every certificate in a trust file is a CA certificate. */
    static void checkCaFile(Node node, Path file) {
        for (X509Certificate c : read(node, file)) {
            if (c.getBasicConstraints() < 0) {
                node.problem("CA certificates only (basicConstraints CA:TRUE); " + c.getSubjectX500Principal()
                        + " is not a CA");
            }
        }
    }
}

package lv.sargs.gateway.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/** Reads a PEM file of X.509 certificates (a chain, leaf first, or a set of CAs); an empty or unreadable file is an error naming the setting. */
public final class PemCertificates {

    private PemCertificates() {
    }

    /**
     * @param path the config path of the setting, for the message, e.g. {@code listeners.client.tls.clientCa}
     * @throws TlsSetupException {@code CERTIFICATES_UNREADABLE} naming the setting and the file
     */
    public static List<X509Certificate> read(String path, Path file) throws TlsSetupException {
        List<X509Certificate> out = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                out.add((X509Certificate) c);
            }
        } catch (IOException | CertificateException e) {
            throw new TlsSetupException(TlsSetupException.Code.CERTIFICATES_UNREADABLE,
                    path + ": " + file + " (expected: a readable PEM file of certificates; " + e.getMessage() + ")", e);
        }
        if (out.isEmpty()) {
            throw new TlsSetupException(TlsSetupException.Code.CERTIFICATES_UNREADABLE,
                    path + ": " + file + " (expected: at least one PEM certificate)", null);
        }
        return out;
    }
}

package lv.sargs.gateway.tls;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import lv.sargs.hsm.core.Certificates;

/** Reads a PEM file of X.509 certificates (a chain, leaf first, or a set of CAs); an empty or unreadable file is an error naming the setting. */
public final class PemCertificates {

    private PemCertificates() {
    }

    /**
     * @param path the config path of the setting, for the message, e.g. {@code listeners.client.tls.clientCa}
     * @throws TlsSetupException {@code CERTIFICATES_UNREADABLE} naming the setting and the file
     */
    public static List<X509Certificate> read(String path, Path file) throws TlsSetupException {
        try {
            return Certificates.readPem(path, file);
        } catch (IllegalArgumentException e) {
            throw new TlsSetupException(TlsSetupException.Code.CERTIFICATES_UNREADABLE, e.getMessage(), e.getCause());
        }
    }
}

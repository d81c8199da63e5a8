package lv.sargs.provisioning;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import lv.sargs.gateway.config.Endpoint;
import lv.sargs.gateway.config.GatewayConfig;
import picocli.CommandLine.Option;

/**
 * How an admin command reaches the running gateway's management listener as an operator, the way
 * {@code sargs-console} does: on plain loopback naming the operator in {@code X-Sargs-Operator}; over
 * TLS with an operator client certificate (a declared client with role {@code operator}) from a
 * PKCS#12 file whose password is in {@value #PASSWORD_VARIABLE}, and the listener's CA.
 */
final class ManagementOptions {

    /** The environment variable holding the PKCS#12 password. */
    static final String PASSWORD_VARIABLE = "SARGS_ADMIN_KEYSTORE_PASSWORD";

    @Option(names = "--management-url", paramLabel = "URL",
            description = "The management listener, e.g. https://10.0.0.5:9443 (default: listeners.management.bind"
                    + " of the config, http on loopback, https with TLS).")
    URI url;

    @Option(names = "--operator", paramLabel = "NAME",
            description = "Your name for the audit trail on a loopback listener (default: the login name).")
    String operator = System.getProperty("user.name", "unnamed");

    @Option(names = "--client-keystore", paramLabel = "FILE.p12",
            description = "PKCS#12 with your operator client certificate, for a TLS listener; its password in "
                    + PASSWORD_VARIABLE + ".")
    Path keystore;

    @Option(names = "--trust-ca", paramLabel = "FILE.pem",
            description = "PEM with the CA of the management listener's certificate (with --client-keystore).")
    Path trust;

    /** The base URI to call: {@code --management-url}, else the config's management listener. */
    URI base(GatewayConfig config) {
        if (url != null) {
            return url;
        }
        Endpoint bind = config.managementListener().bind();
        String host = bind.host().equals("0.0.0.0") || bind.host().equals("::") ? "127.0.0.1"
                : bind.host().contains(":") ? "[" + bind.host() + "]" : bind.host();
        return URI.create((config.managementListener().tls().isPresent() ? "https" : "http") + "://" + host + ":"
                + bind.port());
    }

    /** A client for {@code base}: with the operator's certificate for https, plain for http. */
    ManagementCall call(GatewayConfig config, java.time.Duration timeout) {
        URI base = base(config);
        SSLContext tls = null;
        if (base.getScheme().equals("https")) {
            if (keystore == null || trust == null) {
                throw new AdminException(1, base + ": a TLS management listener (expected: --client-keystore with an"
                        + " operator client certificate and --trust-ca with the listener's CA)");
            }
            try {
                tls = tls();
            } catch (IOException | GeneralSecurityException e) {
                throw new AdminException(1, "--client-keystore " + keystore + " / --trust-ca " + trust
                        + " (expected: readable PKCS#12 and PEM files, the password in " + PASSWORD_VARIABLE + "): "
                        + e.getMessage());
            }
        } else if (keystore != null || trust != null) {
            throw new AdminException(1, base + ": plain HTTP (expected: --client-keystore and --trust-ca only for a"
                    + " TLS listener)");
        }
        return new ManagementCall(base, operator, tls, timeout);
    }

    private SSLContext tls() throws IOException, GeneralSecurityException {
        char[] password = System.getenv().getOrDefault(PASSWORD_VARIABLE, "").toCharArray();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            keys.load(in, password);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, password);
        KeyStore cas = KeyStore.getInstance(KeyStore.getDefaultType());
        cas.load(null, null);
        try (InputStream in = Files.newInputStream(trust)) {
            int i = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                cas.setCertificateEntry("ca" + i++, c);
            }
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(cas);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx;
    }
}

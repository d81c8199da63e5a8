package lv.sargs.e2e;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A gateway run in a JVM of its own by a test: waits for the {@code port=N} line it prints, and
 * builds the TLS context of the client whose key store ({@code .p12}) and CA it wrote.
 */
public final class ChildGateway {

    private ChildGateway() {
    }

    /** The port the child printed in {@code log}; fails with the log when it dies or takes over 90 s. */
    public static int awaitPort(Process gateway, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline && gateway.isAlive()) {
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                if (line.startsWith("port=")) {
                    return Integer.parseInt(line.substring(5).trim());
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the gateway did not start: " + Files.readString(log, StandardCharsets.UTF_8));
    }

    /** TLS presenting the client key in {@code keyStore} (PKCS#12) and trusting only {@code caPem}. */
    public static SSLContext tls(Path keyStore, char[] password, Path caPem) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            keys.load(in, password);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, password);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(caPem)) {
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return tls;
    }
}

package lv.sargs.sandbox.server;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/** Trusts a TLS client only when its leaf certificate is registered and currently valid. */
final class RegisteredClientTrustManager extends X509ExtendedTrustManager {

    private final String simulator;
    private final RegisteredCertificates registered;

    RegisteredClientTrustManager(String simulator, RegisteredCertificates registered) {
        this.simulator = simulator;
        this.registered = registered;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException(simulator + ": no client certificate (expected: a registered one)");
        }
        X509Certificate leaf = chain[0];
        if (!registered.contains(leaf)) {
            throw new CertificateException(simulator + ": client certificate " + leaf.getSubjectX500Principal()
                    + " sha256=" + RegisteredCertificates.fingerprint(leaf) + " (expected: a registered certificate)");
        }
        leaf.checkValidity();
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException(simulator + ": a server side trust manager checks no servers");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        // No CA names in the CertificateRequest: clients offer their certificate whoever issued it.
        return new X509Certificate[0];
    }
}

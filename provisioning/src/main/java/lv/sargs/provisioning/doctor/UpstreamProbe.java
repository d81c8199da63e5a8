package lv.sargs.provisioning.doctor;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import lv.sargs.hsm.Token;

/**
 * Probes one upstream step by step — DNS, TCP, the mutual-TLS handshake with the client key on the
 * token, the server certificate and pins, then the first protocol step — stopping at the first
 * step that fails, since the later ones could only fail the same way.
 */
final class UpstreamProbe {

    private final Token token;
    private final Duration timeout;
    private final TokenCall tokenCall;
    private final EkaseCall ekaseCall;

    UpstreamProbe(Token token, Duration timeout) {
        this.token = token;
        this.timeout = timeout;
        this.tokenCall = new TokenCall(token, timeout);
        this.ekaseCall = new EkaseCall(timeout);
    }

    /** The checks of {@code u}, in order; the probe stops after the first FAIL. */
    List<Check> probe(UpstreamTarget u, List<X509Certificate> clientChain, ClockSkew skew) {
        List<Check> out = new ArrayList<>();
        String p = u.name() + " ";
        Stopwatch dns = Stopwatch.start();
        InetAddress address;
        try {
            address = InetAddress.getAllByName(u.host())[0];
            out.add(Check.ok(p + "dns", u.host() + " -> " + address.getHostAddress(), dns.millis()));
        } catch (UnknownHostException e) {
            out.add(Check.fail(p + "dns", u.host() + " does not resolve", "check " + u.configPath()
                    + ".baseUri and the resolver (/etc/resolv.conf, resolvectl query " + u.host() + ")", dns.millis()));
            return out;
        }
        Stopwatch tcp = Stopwatch.start();
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address, u.port()), (int) timeout.toMillis());
            out.add(Check.ok(p + "tcp", address.getHostAddress() + ":" + u.port() + " connected", tcp.millis()));
        } catch (ConnectException e) {
            out.add(Check.fail(p + "tcp", address.getHostAddress() + ":" + u.port() + " refused the connection",
                    "check " + u.configPath() + ".baseUri's port, and that the firewall lets this box reach it",
                    tcp.millis()));
            return out;
        } catch (IOException e) {
            out.add(Check.fail(p + "tcp", address.getHostAddress() + ":" + u.port() + " no connection within "
                    + timeout.toMillis() + " ms (" + e.getClass().getSimpleName() + ")",
                    "check routing and the firewall towards " + u.host() + ":" + u.port(), tcp.millis()));
            return out;
        }
        SSLContext tls;
        try {
            tls = context(u, clientChain);
        } catch (IOException | GeneralSecurityException e) {
            out.add(Check.fail(p + "tls", u.configPath() + ".trustedCa: " + u.trustedCa() + " unusable ("
                    + e.getClass().getSimpleName() + ")", "place the CA certificates (PEM) trusted for " + u.name(), 0));
            return out;
        }
        Stopwatch handshake = Stopwatch.start();
        List<X509Certificate> served;
        try {
            served = handshake(tls, u, address);
        } catch (IOException e) {
            out.add(handshakeFailure(p, u, e, handshake.millis()));
            return out;
        }
        X509Certificate leaf = served.get(0);
        out.add(Check.ok(p + "tls", "mutual TLS with '" + u.keyLabel() + "' on the token; server "
                + leaf.getSubjectX500Principal().getName() + ", expires " + leaf.getNotAfter().toInstant(),
                handshake.millis()));
        List<String> actual = served.stream().map(UpstreamProbe::pin).toList();
        if (!u.spkiPins().isEmpty()) {
            if (u.spkiPins().stream().anyMatch(actual::contains)) {
                out.add(Check.ok(p + "pins", "a configured pin matches", 0));
            } else {
                out.add(Check.fail(p + "pins", "no configured pin matches the server's keys " + actual,
                        "if the server's key changed legitimately (confirm with the operator by another channel), set "
                                + u.configPath() + ".spkiPins to include " + actual.get(0), 0));
                return out;
            }
        }
        if (u.login().isPresent()) {
            out.add(ekaseCall.call(p + "exchange", u, tls, skew));
            return out;
        }
        if (u.tokenStep().isEmpty()) {
            out.add(Check.skip(p + "protocol", "no token step for " + u.name() + "; the handshake is its first step"));
            return out;
        }
        out.add(tokenCall.call(p + "token", u, clientChain, tls, skew));
        return out;
    }

    private List<X509Certificate> handshake(SSLContext tls, UpstreamTarget u, InetAddress address) throws IOException {
        try (SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket()) {
            s.connect(new InetSocketAddress(address, u.port()), (int) timeout.toMillis());
            s.setSoTimeout((int) timeout.toMillis());
            SSLParameters params = s.getSSLParameters();
            params.setEndpointIdentificationAlgorithm("HTTPS");
            params.setServerNames(List.of(new javax.net.ssl.SNIHostName(u.host())));
            s.setSSLParameters(params);
            s.startHandshake();
            List<X509Certificate> out = new ArrayList<>();
            for (Certificate c : s.getSession().getPeerCertificates()) {
                out.add((X509Certificate) c);
            }
            return out;
        }
    }

    private static Check handshakeFailure(String p, UpstreamTarget u, IOException e, long millis) {
        String cause = rootMessage(e);
        if (e instanceof SocketTimeoutException) {
            return Check.fail(p + "tls", "no handshake within the timeout", "the server accepts TCP but does not"
                    + " answer TLS: ask its operator; check a TLS-inspecting proxy on the way", millis);
        }
        if (cause.contains("PKIX") || cause.contains("certification path") || cause.contains("unable to find valid")) {
            return Check.fail(p + "tls", "the server's certificate does not chain to " + u.configPath() + ".trustedCa ("
                    + cause + ")", "put the CA that issued " + u.host() + "'s certificate in " + u.trustedCa()
                    + " (confirm it with the operator)", millis);
        }
        if (cause.contains("expired") || cause.contains("NotAfter") || cause.contains("validity")) {
            return Check.fail(p + "tls", "the server's certificate is not valid now (" + cause + ")",
                    "tell " + u.name() + "'s operator; check this box's clock (timedatectl)", millis);
        }
        if (cause.contains("No subject alternative") || cause.contains("No name matching")) {
            return Check.fail(p + "tls", "the server's certificate is not for " + u.host() + " (" + cause + ")",
                    "check " + u.configPath() + ".baseUri's host name", millis);
        }
        if (cause.contains("certificate_unknown") || cause.contains("bad_certificate")
                || cause.contains("certificate_expired") || cause.contains("unknown_ca")) {
            return Check.fail(p + "tls", "the server refused our client certificate (" + cause + ")",
                    "check that the chain of '" + u.keyLabel() + "' is the one registered with " + u.name()
                            + " and valid now (sargs-admin keys list)", millis);
        }
        return Check.fail(p + "tls", "handshake failed (" + cause + ")", "check the server certificate, "
                + u.configPath() + ".trustedCa and the client chain of '" + u.keyLabel() + "'", millis);
    }

    private SSLContext context(UpstreamTarget u, List<X509Certificate> chain) throws IOException, GeneralSecurityException {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(u.trustedCa())) {
            int i = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trust.setCertificateEntry("ca" + i++, c);
            }
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(new javax.net.ssl.KeyManager[] {token.keyManager(u.keyLabel(), chain)}, tmf.getTrustManagers(), null);
        return tls;
    }

    /** {@code sha256/<base64>} of a certificate's SubjectPublicKeyInfo, as pins are written. */
    static String pin(X509Certificate c) {
        try {
            return "sha256/" + Base64.getEncoder().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(c.getPublicKey().getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        String message = String.valueOf(e.getMessage());
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
            if (t.getMessage() != null) {
                message = t.getMessage();
            }
        }
        return e instanceof SSLException && e.getMessage() != null && !message.equals(e.getMessage())
                ? e.getMessage() + ": " + message : message;
    }
}

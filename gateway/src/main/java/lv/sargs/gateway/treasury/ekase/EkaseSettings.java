package lv.sargs.gateway.treasury.ekase;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * How the gateway reaches eKase: the base URI, the CA certificates trusted for eKase's server
 * certificate (never the system store), the registered user, its password and its mode, and the
 * time limits of one exchange. The password is held as {@code char[]} and never printed.
 *
 * @param baseUri {@code https://host[:port][/prefix]}
 * @param trustedCas eKase's CA certificates; at least one
 * @param user the eKase user name
 * @param password the eKase password
 * @param mode the user's mode as registered at the Treasury
 * @param connectTimeout the longest a TCP connect plus TLS handshake may take
 * @param requestTimeout the longest one exchange may take
 */
public record EkaseSettings(URI baseUri, List<X509Certificate> trustedCas, String user, char[] password, EkaseMode mode,
                            Duration connectTimeout, Duration requestTimeout) {

    public EkaseSettings {
        if (baseUri == null || !"https".equals(baseUri.getScheme()) || baseUri.getHost() == null
                || baseUri.getRawQuery() != null || baseUri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("treasury.ekase.baseUri: " + baseUri
                    + " (expected: https://host[:port][/prefix], no query or user info)");
        }
        trustedCas = List.copyOf(trustedCas);
        if (trustedCas.isEmpty()) {
            throw new IllegalArgumentException("treasury.ekase.trustedCas: empty (expected: eKase's CA certificates)");
        }
        if (user == null || user.isBlank() || user.indexOf(':') >= 0) {
            throw new IllegalArgumentException("treasury.ekase.user: '" + user + "' (expected: a name without ':')");
        }
        if (password == null || password.length == 0) {
            throw new IllegalArgumentException("treasury.ekase.password: empty (expected: the eKase user's password)");
        }
        password = password.clone();
        if (mode == null) {
            throw new IllegalArgumentException("treasury.ekase.mode: missing (expected: VIEW or MANAGE)");
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero() || requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("treasury.ekase timeouts: " + connectTimeout + ", " + requestTimeout
                    + " (expected: positive)");
        }
    }

    @Override
    public char[] password() {
        return password.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EkaseSettings s && s.baseUri.equals(baseUri) && s.user.equals(user)
                && Arrays.equals(s.password, password) && s.mode == mode && s.trustedCas.equals(trustedCas)
                && s.connectTimeout.equals(connectTimeout) && s.requestTimeout.equals(requestTimeout);
    }

    @Override
    public int hashCode() {
        return baseUri.hashCode() * 31 + user.hashCode();
    }

    @Override
    public String toString() {
        return "eKase " + baseUri + " as " + user + " (" + mode + ")";
    }
}

package lv.sargs.sandbox.server;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.Arrays;

/**
 * A client registered with a simulator: its id and secret (for VISS, the developer portal's
 * consumer key and secret) and the TLS client certificate registered for it.
 *
 * @param clientId the client id (consumer key)
 * @param clientSecret the secret; never logged or printed
 * @param certificate the registered TLS client certificate (for VISS its key also signs the JWT assertion)
 */
public record RegisteredClient(String clientId, char[] clientSecret, X509Certificate certificate) {

    public RegisteredClient {
        clientSecret = clientSecret.clone();
    }

    @Override
    public char[] clientSecret() {
        return clientSecret.clone();
    }

    /** Whether {@code presented} equals the secret, compared in constant time; scratch copies are wiped. */
    public boolean secretMatches(String presented) {
        if (presented == null) {
            return false;
        }
        ByteBuffer want = StandardCharsets.UTF_8.encode(CharBuffer.wrap(clientSecret));
        byte[] wantBytes = new byte[want.remaining()];
        want.get(wantBytes);
        try {
            return MessageDigest.isEqual(wantBytes, presented.getBytes(StandardCharsets.UTF_8));
        } finally {
            Arrays.fill(wantBytes, (byte) 0);
            if (want.hasArray()) {
                Arrays.fill(want.array(), (byte) 0);
            }
        }
    }

    @Override
    public String toString() {
        return "RegisteredClient[clientId=" + clientId + ", certificate=" + certificate.getSubjectX500Principal() + "]";
    }
}

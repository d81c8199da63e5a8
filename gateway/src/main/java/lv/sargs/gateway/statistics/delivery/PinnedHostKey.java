package lv.sargs.gateway.statistics.delivery;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.security.PublicKey;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.tinylog.Logger;

/**
 * Accepts exactly the configured host key; on a mismatch it keeps, per session, a message naming
 * both fingerprints ({@code SHA256:…} as OpenSSH prints them), so the operator can compare them
 * with what Latvijas Banka published.
 */
final class PinnedHostKey implements ServerKeyVerifier {

    // Not a session attribute: a session refused in key exchange closes itself and clears its
    // attributes, racing the connector that reads the message after the failed login.
    private final Map<ClientSession, String> mismatches = new ConcurrentHashMap<>();
    private final PublicKey expected;

    PinnedHostKey(PublicKey expected) {
        this.expected = expected;
    }

    @Override
    public boolean verifyServerKey(ClientSession session, SocketAddress remote, PublicKey presented) {
        if (KeyUtils.compareKeys(expected, presented)) {
            return true;
        }
        String where = remote instanceof InetSocketAddress inet ? inet.getHostString() + ":" + inet.getPort()
                : String.valueOf(remote);
        String message = "statistics.sftp.hostKey: " + where + " presented " + fingerprint(presented)
                + " (" + KeyUtils.getKeyType(presented) + "), expected " + fingerprint(expected) + " ("
                + KeyUtils.getKeyType(expected) + "); nothing was sent. If Latvijas Banka changed its host key,"
                + " confirm the new fingerprint with them and update statistics.sftp.hostKey";
        mismatches.put(session, message);
        Logger.warn(message);
        return false;
    }

    /** The mismatch message of {@code session}, once (it is forgotten), or null when its key matched. */
    String takeMismatch(ClientSession session) {
        return mismatches.remove(session);
    }

    /** Forgets every message not taken (sessions that failed before their login was awaited). */
    void forgetAll() {
        mismatches.clear();
    }

    /** The key's fingerprint as OpenSSH prints it: {@code SHA256:} and unpadded base64. */
    static String fingerprint(PublicKey key) {
        return KeyUtils.getFingerPrint(BuiltinDigests.sha256, key);
    }
}

package lv.sargs.gateway.statistics.delivery;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.security.PublicKey;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.tinylog.Logger;

/**
 * Accepts exactly the configured host key; on a mismatch it leaves on the session a message naming
 * both fingerprints ({@code SHA256:…} as OpenSSH prints them), so the operator can compare them
 * with what Latvijas Banka published.
 */
final class PinnedHostKey implements ServerKeyVerifier {

    /** Where the mismatch message is left for the connector to raise. */
    static final AttributeKey<String> MISMATCH = new AttributeKey<>();

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
        session.setAttribute(MISMATCH, message);
        Logger.warn(message);
        return false;
    }

    /** The key's fingerprint as OpenSSH prints it: {@code SHA256:} and unpadded base64. */
    static String fingerprint(PublicKey key) {
        return KeyUtils.getFingerPrint(BuiltinDigests.sha256, key);
    }
}

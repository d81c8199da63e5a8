package lv.sargs.gateway.statistics.delivery;

import java.io.IOException;
import java.security.PublicKey;
import java.util.List;
import lv.sargs.hsm.KeyInfo;
import lv.sargs.hsm.Token;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;

/**
 * Opens SFTP sessions to Latvijas Banka's file exchange with one long-lived SSH client: login with
 * the bank's key on the token only, and the server's host key pinned to the configured one. Used
 * from one thread (the statistics courier).
 */
public final class SftpConnector implements AutoCloseable {

    private final SftpSettings settings;
    private final Token token;
    private final SshClient client;
    private final PinnedHostKey hostKey;

    public SftpConnector(SftpSettings settings, Token token) {
        this.settings = settings;
        this.token = token;
        this.client = SshClient.setUpDefaultClient();
        this.hostKey = new PinnedHostKey(settings.hostKey());
        client.setServerKeyVerifier(hostKey);
        // Nothing from ~/.ssh (config, identities, agent) may change where or as whom we connect.
        client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
        client.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
        client.setAgentFactory(null);
        client.start();
    }

    /** Connects, checks the host key, logs in with the token key and opens the SFTP channel. */
    public SftpExchange open() throws DeliveryException {
        TokenLoginIdentity identity = new TokenLoginIdentity(token, settings.userKeyLabel(), loginPublicKey(),
                settings.timeout());
        String where = settings.user() + "@" + settings.host() + ":" + settings.port();
        // A session takes its login methods from the client when it is created; open() runs on one thread only.
        client.setUserAuthFactories(List.of(new TokenUserAuthFactory(identity)));
        hostKey.forgetAll();
        ClientSession session;
        try {
            session = client.connect(settings.user(), settings.host(), settings.port())
                    .verify(settings.timeout()).getSession();
        } catch (IOException e) {
            throw new DeliveryException(DeliveryException.Code.CONNECTION_FAILED,
                    where + ": cannot connect (" + e.getMessage() + ")", e);
        }
        try {
            session.auth().verify(settings.timeout());
            SftpClient sftp = SftpClientFactory.instance().createSftpClient(session);
            return new SftpExchange(session, sftp, where);
        } catch (IOException e) {
            String mismatch = hostKey.takeMismatch(session);
            closeQuietly(session);
            if (mismatch != null) {
                throw new DeliveryException(DeliveryException.Code.HOST_KEY_MISMATCH, mismatch, e);
            }
            throw new DeliveryException(DeliveryException.Code.AUTHENTICATION_FAILED, where + ": login with key '"
                    + settings.userKeyLabel() + "' on " + token.name() + " refused (" + e.getMessage() + ")", e);
        }
    }

    private PublicKey loginPublicKey() throws DeliveryException {
        return token.listKeys().stream().filter(k -> k.label().equals(settings.userKeyLabel())).findFirst()
                .map(KeyInfo::publicKey)
                .orElseThrow(() -> new DeliveryException(DeliveryException.Code.KEY_UNUSABLE,
                        "statistics.sftp.userKeyLabel: '" + settings.userKeyLabel() + "' (expected: a key on "
                                + token.name() + ")", null));
    }

    private static void closeQuietly(ClientSession session) {
        try {
            session.close();
        } catch (IOException ignored) {
            // The session is being abandoned after a failure that is already being reported.
        }
    }

    @Override
    public void close() {
        client.stop();
    }
}

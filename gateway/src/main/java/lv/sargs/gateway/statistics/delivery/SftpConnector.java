package lv.sargs.gateway.statistics.delivery;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.keyprovider.FileKeyPairProvider;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;

/**
 * Opens SFTP sessions to Latvijas Banka's file exchange with one long-lived SSH client: public-key
 * login with the configured key only, and the server's host key pinned to the configured one.
 */
public final class SftpConnector implements AutoCloseable {

    private final SftpSettings settings;
    private final SshClient client;

    public SftpConnector(SftpSettings settings) {
        this.settings = settings;
        this.client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(new PinnedHostKey(settings.hostKey()));
        // Nothing from ~/.ssh (config, identities, agent) may change where or as whom we connect.
        client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
        client.setUserAuthFactories(List.of(UserAuthPublicKeyFactory.INSTANCE));
        client.setKeyIdentityProvider(new FileKeyPairProvider(settings.userKeyFile()));
        client.setAgentFactory(null);
        client.start();
    }

    /** Connects, checks the host key, logs in and opens the SFTP channel. */
    public SftpExchange open() throws DeliveryException {
        if (!Files.isReadable(settings.userKeyFile())) {
            throw new DeliveryException(DeliveryException.Code.KEY_UNREADABLE, "statistics.sftp.userKeyFile: "
                    + settings.userKeyFile() + " (expected: a readable OpenSSH or PEM private key)", null);
        }
        String where = settings.user() + "@" + settings.host() + ":" + settings.port();
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
            String mismatch = session.getAttribute(PinnedHostKey.MISMATCH);
            closeQuietly(session);
            if (mismatch != null) {
                throw new DeliveryException(DeliveryException.Code.HOST_KEY_MISMATCH, mismatch, e);
            }
            throw new DeliveryException(DeliveryException.Code.AUTHENTICATION_FAILED,
                    where + ": login with statistics.sftp.userKeyFile refused (" + e.getMessage() + ")", e);
        }
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

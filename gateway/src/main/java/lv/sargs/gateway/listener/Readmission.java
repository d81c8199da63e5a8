package lv.sargs.gateway.listener;

import io.netty.channel.Channel;
import io.netty.handler.ssl.SslHandler;
import java.net.InetSocketAddress;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLPeerUnverifiedException;
import lv.sargs.gateway.admission.AllowListFilter;
import lv.sargs.gateway.admission.ClientRecognitionHandler;
import lv.sargs.gateway.admission.ClientVerdict;
import lv.sargs.gateway.admission.DeclaredClients;
import lv.sargs.gateway.admission.RecognizedClient;
import lv.sargs.gateway.admission.UnrecognizedClient;
import org.tinylog.Logger;

/** Re-checks one open client connection against a reloaded allow-list and client list, on its event loop. */
final class Readmission {

    private Readmission() {
    }

    /** Whether the connection was closed because the new admission no longer lets it in. */
    static boolean recheck(Channel c, AllowListFilter allowList, DeclaredClients clients,
                           ClientRecognitionHandler recognition) {
        if (!c.isActive() || !(c.remoteAddress() instanceof InetSocketAddress remote)) {
            return false;
        }
        if (!allowList.admits(remote)) {
            Logger.info("client listener: closing the connection from {}: no longer in the allow-list",
                    remote.getAddress().getHostAddress());
            c.close();
            return true;
        }
        ClientVerdict before = c.attr(ClientVerdict.KEY).get();
        if (before == null) {
            // Still in its handshake: it is recognised by the new client list once the handshake ends.
            if (c.pipeline().get(ClientChannelInitializer.CLIENT_RECOGNITION) != null) {
                c.pipeline().replace(ClientChannelInitializer.CLIENT_RECOGNITION,
                        ClientChannelInitializer.CLIENT_RECOGNITION, recognition);
            }
            return false;
        }
        ClientVerdict after = new UnrecognizedClient(UnrecognizedClient.Reason.NOT_DECLARED,
                "No client certificate was presented.", "");
        SslHandler ssl = c.pipeline().get(SslHandler.class);
        try {
            Certificate[] peer = ssl == null ? new Certificate[0] : ssl.engine().getSession().getPeerCertificates();
            if (peer.length > 0 && peer[0] instanceof X509Certificate leaf) {
                after = clients.recognise(leaf, remote.getAddress());
            }
        } catch (SSLPeerUnverifiedException e) {
            // Unreachable with client authentication required: refuse rather than trust.
        }
        c.attr(ClientVerdict.KEY).set(after);
        if (before instanceof RecognizedClient was && after instanceof UnrecognizedClient) {
            Logger.info("client listener: closing the connection of client '{}' from {}: no longer declared",
                    was.name(), remote.getAddress().getHostAddress());
            c.close();
            return true;
        }
        return false;
    }
}

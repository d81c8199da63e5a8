package lv.sargs.gateway;

import io.netty.channel.epoll.Epoll;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.OpenSsl;
import lv.sargs.gateway.config.GatewayConfig;
import lv.sargs.gateway.config.TlsProvider;
import lv.sargs.gateway.threads.ThreadPools;
import org.tinylog.Logger;

/**
 * Loads, on a thread of its own, the native libraries and one-off JDK state that the later
 * start-up phases need, while the main thread opens the token (which waits on the PKCS#11 library
 * for much of its time): the event loops' epoll transport, BoringSSL when the client listener asks
 * for it, and the JDK TLS defaults (the default trust store read once) when a listener runs JDK TLS.
 *
 * <p>It only initialises classes, which the JVM does once whichever thread comes first, so the
 * phases that use them behave as without it; what goes wrong here is left for that phase to meet
 * and report as it always did (an unloadable BoringSSL is still an ERROR and a DEGRADED listener).
 */
final class StartWarmUp {

    private StartWarmUp() {
    }

    /** Starts warming for {@code config}; returns at once. */
    static void begin(GatewayConfig config) {
        ThreadPools.threadFactory("start-warm-up", true).newThread(() -> warm(config)).start();
    }

    private static void warm(GatewayConfig config) {
        try {
            Epoll.isAvailable();
            boolean openSsl = config.clientListener().tls().provider() == TlsProvider.OPENSSL;
            if (openSsl) {
                OpenSsl.isAvailable();
            }
            if (!openSsl || !OpenSsl.isAvailable() || config.managementListener().tls().isPresent()) {
                Class.forName(JdkSslContext.class.getName(), true, JdkSslContext.class.getClassLoader());
            }
        } catch (ClassNotFoundException | RuntimeException | LinkageError e) {
            // The phase that needs it meets the same problem and reports it; nothing to add here.
            Logger.debug("start-up warm-up stopped: {}", e.toString());
        }
    }
}

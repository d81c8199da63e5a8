package lv.sargs.gateway.management;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.ssl.SslHandler;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.regex.Pattern;
import javax.net.ssl.SSLPeerUnverifiedException;
import lv.sargs.gateway.admission.ClientVerdict;
import lv.sargs.gateway.admission.DeclaredClients;
import lv.sargs.gateway.admission.RecognizedClient;
import lv.sargs.gateway.admission.UnrecognizedClient;

/**
 * Who is asking for an operator action: on plain loopback, the local user the console names in
 * {@code X-Sargs-Operator} (whoever can reach loopback is on the box); over TLS, a declared client
 * whose certificate is recognised and which holds the {@value #ROLE} role — nobody else. The declared
 * clients follow config reloads: each request is judged by the set in force when it arrives, so an
 * operator removed by a reload is refused on its very next request, even on a connection opened before.
 */
final class OperatorAccess {

    /** The client role that may act on the management listener. */
    static final String ROLE = "operator";
    static final String OPERATOR_HEADER = "X-Sargs-Operator";
    private static final Pattern LOCAL_NAME = Pattern.compile("[A-Za-z0-9._-]{1,32}");

    /** The operator's name for the audit trail, or why the request is refused. */
    sealed interface Verdict {
    }

    record Operator(String name) implements Verdict {
    }

    record Refused(boolean declared, String detail) implements Verdict {
    }

    // Swapped whole by a reload; a request reads it once, so it is judged by one set, never a mix.
    private volatile DeclaredClients clients;

    OperatorAccess(DeclaredClients clients) {
        this.clients = clients;
    }

    /** Judges every request from now on by {@code declared} (a reload's clients). */
    void declare(DeclaredClients declared) {
        this.clients = declared;
    }

    Verdict check(ChannelHandlerContext ctx, HttpHeaders headers) {
        SslHandler ssl = ctx.pipeline().get(SslHandler.class);
        if (ssl == null) {
            // Plain HTTP only ever listens on loopback (ManagementServer refuses anything else).
            String named = headers.get(OPERATOR_HEADER);
            return new Operator("local:" + (named != null && LOCAL_NAME.matcher(named).matches() ? named : "unnamed"));
        }
        X509Certificate peer;
        try {
            peer = (X509Certificate) ssl.engine().getSession().getPeerCertificates()[0];
        } catch (SSLPeerUnverifiedException e) {
            return new Refused(false, "Operator actions need a client certificate.");
        }
        ClientVerdict verdict = clients.recognise(peer,
                ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress());
        if (verdict instanceof RecognizedClient c) {
            return c.hasRole(ROLE) ? new Operator(c.name())
                    : new Refused(true, "Client '" + c.name() + "' lacks the role '" + ROLE + "' operator actions require.");
        }
        return new Refused(false, ((UnrecognizedClient) verdict).detail());
    }
}

package lv.sargs.gateway.tls;

import io.netty.handler.ssl.DelegatingSslContext;
import io.netty.handler.ssl.SslContext;
import javax.net.ssl.SSLEngine;

/**
 * A BoringSSL server context whose session-ticket keys rotate as connections arrive: each new
 * engine first lets {@link SessionTickets} replace the keys when a rotation is due. Everything else
 * is the wrapped context's.
 */
final class TicketRotatingContext extends DelegatingSslContext {

    private final SessionTickets tickets;

    TicketRotatingContext(SslContext context, SessionTickets tickets) {
        super(context);
        this.tickets = tickets;
    }

    @Override
    protected void initEngine(SSLEngine engine) {
        tickets.rotateIfDue();
    }
}

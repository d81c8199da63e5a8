package lv.sargs.gateway.admission;

import io.netty.channel.Channel;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.util.AttributeKey;

/**
 * What the listener decided about a connection's client once its TLS handshake finished: a
 * recognised client, or a refusal the HTTP layer answers with 403. Stored on the connection's
 * channel; HTTP/2 stream channels read their parent's.
 */
public sealed interface ClientVerdict permits RecognizedClient, UnrecognizedClient {

    /** The verdict attribute on a connection channel. */
    AttributeKey<ClientVerdict> KEY = AttributeKey.valueOf("sargs.clientVerdict");

    /** The verdict of the connection carrying {@code channel}, or null before the handshake finished. */
    static ClientVerdict of(Channel channel) {
        Channel connection = channel instanceof Http2StreamChannel ? channel.parent() : channel;
        return connection.attr(KEY).get();
    }
}

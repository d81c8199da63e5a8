package lv.sargs.gateway.upstream.core;

/** The stage of an upstream call a failure happened in, named in every {@link UpstreamException}. */
public enum Phase {
    /** Before any I/O: the circuit breaker or argument checks. */
    ADMISSION,
    /** Waiting for a pooled connection. */
    POOL_WAIT,
    /** Opening the TCP connection. */
    CONNECT,
    /** The TLS handshake, including server certificate and pin checks. */
    HANDSHAKE,
    /** Sending the request and waiting for the whole response. */
    RESPONSE,
    /** Waiting between attempts (backoff or Retry-After). */
    BACKOFF,
    /** Obtaining an access token (assertion signing on the token, the token endpoint). */
    ACCESS_TOKEN
}

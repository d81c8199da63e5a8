package lv.sargs.gateway.upstream.core;

import lv.sargs.gateway.upstream.core.Phase;
import lv.sargs.gateway.upstream.core.Deadline;
import java.time.Duration;
import java.util.Optional;
import lv.sargs.gateway.http.ProblemType;
import lv.sargs.gateway.problem.CodedException;
import lv.sargs.gateway.problem.ProblemCode;
import lv.sargs.gateway.problem.ProblemReason;

/**
 * An upstream call that did not produce a usable answer, with a stable {@link Code}, the upstream's
 * name and the {@link Phase} it failed in; the message never holds a secret (client secret, access
 * token, PIN).
 */
public final class UpstreamException extends CodedException {

    /** Stable reasons an upstream call fails. */
    public enum Code implements ProblemReason {
        /** The call's deadline passed; the message names the phase and the budget. */
        DEADLINE_EXCEEDED(true),
        /** The circuit breaker is open: the call failed fast without touching the network. */
        CIRCUIT_OPEN(false),
        /** Too many calls waiting for a connection; the call failed fast. */
        POOL_EXHAUSTED(false),
        /** The upstream answered 429; {@link #retryAfter()} says when it will take calls again. */
        RATE_LIMITED(false),
        /** The TCP connection could not be opened. */
        CONNECT_FAILED(true),
        /** The TLS handshake failed: untrusted, expired or misnamed server certificate, or refused client key. */
        TLS_REFUSED(true),
        /** The server's certificate chain matched none of the configured SPKI pins. */
        PIN_MISMATCH(true),
        /** The connection closed or reset before a complete response arrived. */
        CONNECTION_RESET(true),
        /** The upstream answered 5xx. */
        SERVER_ERROR(true),
        /** The response could not be parsed: bad HTTP, truncated, oversized or malformed body. */
        MALFORMED_RESPONSE(true),
        /** The upstream refused our credentials (token endpoint error, or 401 after one refresh). */
        UNAUTHORIZED(false),
        /** The client key on the token could not sign (token unavailable, queue full, key missing). */
        CLIENT_KEY_FAILED(false),
        /** The caller's request is not acceptable (e.g. an identifier with characters outside its format). */
        INVALID_REQUEST(false),
        /** The upstream answered a status the caller did not expect. */
        UNEXPECTED_STATUS(false),
        /** The client is closed. */
        CLOSED(false);

        private final boolean upstreamFault;

        Code(boolean upstreamFault) {
            this.upstreamFault = upstreamFault;
        }

        /** Whether this failure counts against the upstream's health (circuit breaker, state). */
        public boolean upstreamFault() {
            return upstreamFault;
        }

        /** Never a client's problem: if it ever reaches one untranslated, the gateway failed unexpectedly. */
        @Override
        public ProblemCode problem() {
            return ProblemType.INTERNAL_ERROR;
        }
    }

    private final String upstream;
    private final Phase phase;
    private final Duration retryAfter;

    public UpstreamException(Code code, String upstream, Phase phase, String message) {
        this(code, upstream, phase, message, null, null);
    }

    public UpstreamException(Code code, String upstream, Phase phase, String message, Throwable cause) {
        this(code, upstream, phase, message, null, cause);
    }

    private UpstreamException(Code code, String upstream, Phase phase, String message, Duration retryAfter,
                              Throwable cause) {
        super(code, "upstream '" + upstream + "' " + code + " in " + phase + ": " + message, cause);
        this.upstream = upstream;
        this.phase = phase;
        this.retryAfter = retryAfter;
    }

    /** A deadline failure naming the phase and the call's whole budget. */
    public static UpstreamException deadline(String upstream, Phase phase, Deadline deadline) {
        return new UpstreamException(Code.DEADLINE_EXCEEDED, upstream, phase,
                "deadline of " + deadline.budget().toMillis() + " ms exceeded");
    }

    /** A 429 answer whose Retry-After (null when absent) did not fit in the call's remaining budget. */
    public static UpstreamException rateLimited(String upstream, Duration retryAfter, Deadline deadline) {
        String wait = retryAfter == null ? "no Retry-After" : "Retry-After " + retryAfter.toMillis() + " ms";
        return new UpstreamException(Code.RATE_LIMITED, upstream, Phase.RESPONSE,
                "HTTP 429, " + wait + " (remaining budget " + Math.max(0, deadline.remainingNanos() / 1_000_000)
                        + " ms of " + deadline.budget().toMillis() + " ms)", retryAfter, null);
    }

    /** The stable reason. */
    @Override
    public Code code() {
        return (Code) super.code();
    }

    /** The upstream's configured name, e.g. {@code viss}. */
    public String upstream() {
        return upstream;
    }

    /** Where the call failed. */
    public Phase phase() {
        return phase;
    }

    /** For {@link Code#RATE_LIMITED}: how long the upstream asked us to wait. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}

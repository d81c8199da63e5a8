package lv.sargs.gateway.upstream;

import lv.sargs.gateway.upstream.core.UpstreamException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import lv.sargs.gateway.upstream.UpstreamState.Health;
import lv.sargs.gateway.upstream.breaker.CircuitBreaker;
import org.tinylog.Logger;

/**
 * Derives an upstream's health from its breaker and its last call, and tells the listener when the
 * level changes: DOWN while the breaker is open, DEGRADED while it probes or after a call that
 * failed, was retried or rate-limited, UP after a clean call.
 */
final class StateTracker {

    private final String upstream;
    private final Clock clock;
    private final UpstreamStateListener listener;
    private volatile UpstreamState state;

    StateTracker(String upstream, Clock clock, UpstreamStateListener listener) {
        this.upstream = upstream;
        this.clock = clock;
        this.listener = listener;
        this.state = new UpstreamState(upstream, Health.UP, clock.instant(), Optional.empty(), Optional.empty());
    }

    UpstreamState state() {
        return state;
    }

    synchronized void callFinished(CircuitBreaker.State breaker, boolean clean, UpstreamException error) {
        UpstreamState before = state;
        Health health = switch (breaker) {
            case OPEN -> Health.DOWN;
            case HALF_OPEN -> Health.DEGRADED;
            case CLOSED -> clean ? Health.UP : Health.DEGRADED;
        };
        Optional<String> lastError = before.lastError();
        Optional<Instant> lastErrorAt = before.lastErrorAt();
        Instant now = clock.instant();
        if (error != null && error.code() != UpstreamException.Code.CIRCUIT_OPEN) {
            lastError = Optional.of(error.getMessage());
            lastErrorAt = Optional.of(now);
        }
        Instant since = health == before.health() ? before.since() : now;
        state = new UpstreamState(upstream, health, since, lastError, lastErrorAt);
        if (health != before.health()) {
            Logger.info("upstream '{}' is {} (was {}){}", upstream, health, before.health(),
                    health == Health.UP ? "" : lastError.map(e -> ": " + e).orElse(""));
            listener.onStateChange(state);
        }
    }
}

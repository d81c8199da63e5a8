package lv.sargs.gateway.lookup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Optional;
import lv.sargs.gateway.upstream.UpstreamState;
import org.junit.jupiter.api.Test;

/** A register's status reason follows its health: no stale error once it answers again (issue 16 item 7). */
class RegisterStatusReasonTest {

    private static UpstreamState state(UpstreamState.Health health) {
        return new UpstreamState("viss", health, Instant.EPOCH, Optional.of("connect timed out"), Optional.of(Instant.EPOCH));
    }

    @Test
    void namesTheLastErrorOnlyWhileFailing() {
        assertEquals("connect timed out", RegisterConnections.reason(state(UpstreamState.Health.DEGRADED)));
        assertEquals("connect timed out", RegisterConnections.reason(state(UpstreamState.Health.DOWN)));
        assertEquals("answering", RegisterConnections.reason(state(UpstreamState.Health.UP)));
    }
}

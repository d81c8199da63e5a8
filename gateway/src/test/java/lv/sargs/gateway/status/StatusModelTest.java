package lv.sargs.gateway.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import lv.sargs.gateway.metrics.Metrics;
import lv.sargs.testkit.FakeClock;
import org.junit.jupiter.api.Test;

class StatusModelTest {

    private final FakeClock clock = new FakeClock(Instant.parse("2026-11-21T09:00:00Z"));
    private final StatusModel model = new StatusModel(clock);

    @Test
    void isReadyOnlyWhenNoRequiredComponentHasFailed() {
        assertFalse(model.snapshot().ready(), "an empty model is not ready");
        StatusReporter token = model.register("token", true, State.FAILED, "not opened yet");
        StatusReporter upstream = model.register("upstream.viss", false, State.FAILED, "no connection yet");
        assertFalse(model.snapshot().ready());
        assertEquals(List.of("token"), model.snapshot().notReady().stream().map(ComponentStatus::name).toList());

        token.ok("logged in");
        assertTrue(model.snapshot().ready(), "a failed optional component does not block readiness");
        token.degraded("slow");
        assertTrue(model.snapshot().ready(), "a degraded component is still usable");
        upstream.ok("connected");
        token.failed("removed");
        assertFalse(model.snapshot().ready());
    }

    @Test
    void overallStateIsTheWorstComponentState() {
        StatusReporter a = model.register("a", true, State.OK, "fine");
        StatusReporter b = model.register("b", false, State.OK, "fine");
        assertEquals(State.OK, model.snapshot().overall());
        b.degraded("stale answers");
        assertEquals(State.DEGRADED, model.snapshot().overall());
        a.failed("broken");
        assertEquals(State.FAILED, model.snapshot().overall());
        a.ok("fixed");
        b.ok("fresh");
        assertEquals(State.OK, model.snapshot().overall());
    }

    @Test
    void keepsSinceWhileTheStateStaysAndTellsListenersOfEachChangeInOrder() {
        List<String> seen = new ArrayList<>();
        model.addListener((p, c) -> seen.add((p == null ? "new" : p.state()) + ">" + c.state() + ":" + c.reason()));
        StatusReporter token = model.register("token", true, State.FAILED, "not opened yet");
        Instant registered = clock.instant();

        clock.advance(Duration.ofSeconds(5));
        token.failed("login refused");
        assertEquals(registered, model.component("token").orElseThrow().since(), "same state, same since");
        token.failed("login refused");
        clock.advance(Duration.ofSeconds(5));
        token.ok("logged in");
        assertEquals(clock.instant(), model.component("token").orElseThrow().since());

        assertEquals(List.of("new>FAILED:not opened yet", "FAILED>FAILED:login refused", "FAILED>OK:logged in"), seen);
    }

    @Test
    void readsALiveDetailAfreshForEverySnapshotWithoutTellingListeners() {
        List<String> seen = new ArrayList<>();
        StatusReporter lookups = model.register("lookups", false, State.OK, "registers: viss");
        model.addListener((p, c) -> seen.add(c.reason()));
        java.util.concurrent.atomic.AtomicLong entries = new java.util.concurrent.atomic.AtomicLong();
        lookups.liveDetail(() -> "cache " + entries.get() + " entries");
        assertEquals("registers: viss; cache 0 entries", model.snapshot().components().get(0).reason());
        entries.set(412);
        assertEquals("registers: viss; cache 412 entries", model.snapshot().components().get(0).reason());
        assertEquals(List.of(), seen);
    }

    @Test
    void refusesTheSameComponentTwice() {
        model.register("token", true, State.OK, "ok");
        assertThrows(IllegalArgumentException.class, () -> model.register("token", true, State.OK, "ok"));
        assertNull(model.component("other").orElse(null));
    }

    @Test
    void exposesStatesAsGauges() {
        Metrics metrics = new Metrics();
        StatusMetrics.register(model, metrics);
        model.register("token", true, State.OK, "ok");
        model.register("cache", true, State.DEGRADED, "slow disk");
        StringBuilder out = new StringBuilder();
        metrics.writePrometheus(out);
        String text = out.toString();
        assertTrue(text.contains("sargs_component_state{component=\"cache\"} 1\n"), text);
        assertTrue(text.contains("sargs_component_state{component=\"token\"} 0\n"), text);
        assertTrue(text.contains("sargs_ready 1\n"), text);
        assertTrue(text.contains("sargs_state 1\n"), text);
    }
}

package lv.sargs.sandbox.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FaultPlanTest {

    @Test
    void parsesEveryKnob() {
        FaultPlan plan = FaultPlan.parse("latency=200ms/2s, error=0.1, error-status=500, reset=0.05, stall=0.01/4.5s,"
                + "truncate=0.02, malformed=0.03");

        assertEquals(new FaultPlan(Duration.ofMillis(200), Duration.ofSeconds(2), 0.1, 500, 0.05, 0.01,
                Duration.ofMillis(4_500), 0.02, 0.03), plan);
    }

    @Test
    void parsesNoneAndEmptyAsNoFault() {
        assertEquals(FaultPlan.NONE, FaultPlan.parse("none"));
        assertEquals(FaultPlan.NONE, FaultPlan.parse(""));
        assertTrue(FaultPlan.NONE.isNone());
    }

    @Test
    void refusesWhatCannotBeMeant() {
        assertEquals("fault: jitter (expected: latency, error, error-status, reset, stall, truncate or malformed)",
                assertThrows(IllegalArgumentException.class, () -> FaultPlan.parse("jitter=1")).getMessage());
        assertEquals("fault.error: 1.5 (expected: a probability 0-1)",
                assertThrows(IllegalArgumentException.class, () -> FaultPlan.parse("error=1.5")).getMessage());
        assertEquals("fault.error-status: 404 (expected: 500-599)",
                assertThrows(IllegalArgumentException.class, () -> FaultPlan.parse("error-status=404")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> FaultPlan.parse("latency=2s/200ms"));
        assertThrows(IllegalArgumentException.class, () -> FaultPlan.parse("error=0.6,reset=0.6"));
        assertThrows(IllegalArgumentException.class, () -> FaultPlan.parse("latency=fast"));
    }

    @Test
    void drawsEachFaultInProportionToItsRate() {
        FaultPlan plan = FaultPlan.parse("reset=0.1,stall=0.1,error=0.2,truncate=0.1,malformed=0.1");
        SplittableRandom random = new SplittableRandom(1);
        Map<Fault, Integer> counts = new EnumMap<>(Fault.class);
        for (int i = 0; i < 20_000; i++) {
            counts.merge(plan.draw(random), 1, Integer::sum);
        }
        assertEquals(2_000, counts.get(Fault.RESET), 300);
        assertEquals(4_000, counts.get(Fault.ERROR), 400);
        assertEquals(8_000, counts.get(Fault.NONE), 500);
    }

    @Test
    void samplesLatencyWithTheConfiguredMedianAndTail() {
        FaultPlan plan = FaultPlan.parse("latency=100ms/1s");
        SplittableRandom random = new SplittableRandom(7);
        long[] samples = new long[20_001];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = plan.sampleLatencyNanos(random);
        }
        Arrays.sort(samples);
        double medianMs = samples[samples.length / 2] / 1e6;
        double p99Ms = samples[(int) (samples.length * 0.99)] / 1e6;
        assertEquals(100, medianMs, 10);
        assertEquals(1_000, p99Ms, 150);
    }
}

package lv.sargs.bench.budget;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import lv.sargs.sandbox.fault.FaultPlan;

/**
 * One situation the 3-second budget must hold in: what the registers do, what the cache holds
 * beforehand, and which company lookups the clients make.
 */
enum Scenario {
    /** Every part of every answer is a fresh cache hit; the registers are never asked. */
    HITS("24h", false),
    /** Every lookup goes to the registers ({@code no-cache}), which answer each call in 50 ms. */
    MISSES_50MS("24h", true),
    /** The registers stall every call; each subject has a stale (expired, within stale-if-error) entry. */
    STALLED_STALE("1s", false),
    /** The registers stall every call; nothing about the subjects is cached. */
    STALLED_NO_STALE("24h", false);

    /** How long a stall holds a register call: far past the budget, so only the gateway's deadline ends it. */
    static final Duration STALL = Duration.ofSeconds(30);
    private static final int HOT_SUBJECTS = 50;
    private static final int STALE_SUBJECTS = 100;

    private final String ttl;
    private final boolean fresh;

    Scenario(String ttl, boolean fresh) {
        this.ttl = ttl;
        this.fresh = fresh;
    }

    /** The freshness the rig's register terms get for this scenario. */
    String ttl() {
        return ttl;
    }

    /** Whether lookups send {@code Cache-Control: no-cache}. */
    boolean fresh() {
        return fresh;
    }

    /**
     * Brings the rig's cache and registers into this scenario's state, unmeasured.
     *
     * @return the registration numbers to look up, in turn
     */
    List<String> prepare(BudgetRig rig) throws IOException, InterruptedException {
        List<String> all = rig.companies();
        switch (this) {
            case HITS -> {
                List<String> hot = all.subList(0, HOT_SUBJECTS);
                fill(rig, hot);
                return hot;
            }
            case MISSES_50MS -> {
                rig.registers(FaultPlan.NONE.withLatency(Duration.ofMillis(50), Duration.ofMillis(50)));
                return all;
            }
            case STALLED_STALE -> {
                List<String> stale = all.subList(0, STALE_SUBJECTS);
                fill(rig, stale);
                // Past the 1 s freshness: every entry is stale, and usable for 72 h when the register fails.
                Thread.sleep(1500);
                rig.registers(FaultPlan.NONE.withStalls(1.0, STALL));
                return stale;
            }
            default -> {
                rig.registers(FaultPlan.NONE.withStalls(1.0, STALL));
                return all;
            }
        }
    }

    private static void fill(BudgetRig rig, List<String> subjects) throws IOException, InterruptedException {
        for (String regNo : subjects) {
            // Unmeasured: a cold gateway's first calls (token, handshakes, JIT) may be slow on a loaded machine.
            int status = rig.company(regNo, false, Duration.ofSeconds(60));
            if (status != 200) {
                throw new IllegalStateException("budget rig: filling the cache, company " + regNo + " answered "
                        + status + " (expected: 200)");
            }
        }
    }
}

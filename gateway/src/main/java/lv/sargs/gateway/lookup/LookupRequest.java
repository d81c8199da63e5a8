package lv.sargs.gateway.lookup;

/**
 * What a client asked of the cache for one lookup: the oldest answer it accepts, whether it
 * insists on fresh data, when the answer must be on its way at the latest, and who pays for a
 * register call it causes.
 *
 * @param maxAgeSeconds the oldest acceptable answer ({@code Cache-Control: max-age}); -1 for any fresh one
 * @param fresh whether to ask the register regardless of the cache ({@code Cache-Control: no-cache})
 * @param deadlineNanos when a part must be settled, {@link System#nanoTime()} base
 * @param client the declared client's name, charged the fees of the register calls it causes
 * @param dailyFeeBudgetCents that client's daily fee budget in euro cents; negative for no bound
 */
public record LookupRequest(long maxAgeSeconds, boolean fresh, long deadlineNanos, String client,
                            long dailyFeeBudgetCents) {

    /** A request of no declared client and without a fee budget (benchmarks and tests of the cache). */
    public LookupRequest(long maxAgeSeconds, boolean fresh, long deadlineNanos) {
        this(maxAgeSeconds, fresh, deadlineNanos, "", -1);
    }
}

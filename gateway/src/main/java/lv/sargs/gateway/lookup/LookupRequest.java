package lv.sargs.gateway.lookup;

/**
 * What a client asked of the cache for one lookup: the oldest answer it accepts, whether it
 * insists on fresh data, and when the answer must be on its way at the latest.
 *
 * @param maxAgeSeconds the oldest acceptable answer ({@code Cache-Control: max-age}); -1 for any fresh one
 * @param fresh whether to ask the register regardless of the cache ({@code Cache-Control: no-cache})
 * @param deadlineNanos when a part must be settled, {@link System#nanoTime()} base
 */
public record LookupRequest(long maxAgeSeconds, boolean fresh, long deadlineNanos) {
}

package lv.sargs.gateway.config;

/**
 * The body bound of each class of buffered route on the client listener, each at most the
 * listener's {@code limits.maxBodySize} (which is what the listener buffers at most): lookups,
 * who-am-I and the watchlist take small bodies or none, payments documents up to the Treasury's
 * XML bound. Statistical reports stream and have their own, larger bound
 * ({@code statistics.maxReportSize}).
 *
 * @param small bytes for every route not in another class (lookups, whoami, watchlist, cache)
 * @param payments bytes for {@code POST /v1/treasury/payments}
 */
public record BodyLimits(long small, long payments) {

    /** {@link #small} when {@code listeners.client.bodyLimits.small} is not written (capped at maxBodySize). */
    public static final long SMALL_DEFAULT = 64 << 10;

    /** The defaults under a listener that buffers at most {@code maxBodyBytes}: small 64KiB, payments all of it. */
    public static BodyLimits defaults(long maxBodyBytes) {
        return new BodyLimits(Math.min(SMALL_DEFAULT, maxBodyBytes), maxBodyBytes);
    }

    /** Reads {@code listeners.client.bodyLimits} under a listener buffering at most {@code maxBodyBytes}; null after problems. */
    static BodyLimits read(Section s, long maxBodyBytes) {
        int before = s.problemsCount();
        BodyLimits d = defaults(maxBodyBytes);
        Long small = s.optional("small").flatMap(n -> bounded(n, maxBodyBytes)).orElse(d.small());
        Long payments = s.optional("payments").flatMap(n -> bounded(n, maxBodyBytes)).orElse(d.payments());
        s.end();
        return s.problemsCount() > before ? null : new BodyLimits(small, payments);
    }

    private static java.util.Optional<Long> bounded(Node n, long maxBodyBytes) {
        return n.parse(t -> Units.size(t, 0, 1L << 30)).flatMap(v -> {
            if (v > maxBodyBytes) {
                n.problem("at most listeners.client.limits.maxBodySize " + Units.showSize(maxBodyBytes)
                        + ", the most the listener buffers");
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(v);
        });
    }
}

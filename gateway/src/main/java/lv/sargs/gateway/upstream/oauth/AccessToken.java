package lv.sargs.gateway.upstream.oauth;

/**
 * A bearer token as the {@code Authorization} header value, when (on the monotonic clock) to
 * refresh it, and until when it may still be sent while the refresh is under way;
 * {@link #toString()} hides the value, which is a credential.
 *
 * @param headerValue {@code Bearer <access token>}
 * @param useUntilNanos the {@code System.nanoTime()} after which it is refreshed
 * @param validUntilNanos the {@code System.nanoTime()} after which it is never sent again (at or
 *     after {@code useUntilNanos})
 */
record AccessToken(String headerValue, long useUntilNanos, long validUntilNanos) {

    /** Fresh: no refresh is due. */
    boolean usableAt(long nanos) {
        return nanos - useUntilNanos < 0;
    }

    /** Still accepted by the upstream, though perhaps due for a refresh. */
    boolean validAt(long nanos) {
        return nanos - validUntilNanos < 0;
    }

    @Override
    public String toString() {
        return "AccessToken[(hidden)]";
    }
}

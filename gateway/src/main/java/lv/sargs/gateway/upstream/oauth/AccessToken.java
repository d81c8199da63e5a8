package lv.sargs.gateway.upstream.oauth;

/**
 * A bearer token as the {@code Authorization} header value, and when (on the monotonic clock) to
 * stop using it; {@link #toString()} hides the value, which is a credential.
 *
 * @param headerValue {@code Bearer <access token>}
 * @param useUntilNanos the {@code System.nanoTime()} after which it is refreshed
 */
record AccessToken(String headerValue, long useUntilNanos) {

    boolean usableAt(long nanos) {
        return nanos - useUntilNanos < 0;
    }

    @Override
    public String toString() {
        return "AccessToken[(hidden)]";
    }
}

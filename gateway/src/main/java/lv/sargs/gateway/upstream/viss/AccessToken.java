package lv.sargs.gateway.upstream.viss;

/**
 * A bearer token and when (on the monotonic clock) to stop using it; {@link #toString()} hides the
 * value, which is a credential.
 *
 * @param value the access token
 * @param useUntilNanos the {@code System.nanoTime()} after which it is refreshed
 */
record AccessToken(String value, long useUntilNanos) {

    boolean usableAt(long nanos) {
        return nanos - useUntilNanos < 0;
    }

    @Override
    public String toString() {
        return "AccessToken[(hidden)]";
    }
}

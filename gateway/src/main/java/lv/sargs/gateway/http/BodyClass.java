package lv.sargs.gateway.http;

import lv.sargs.gateway.config.BodyLimits;

/**
 * The class of body bound a buffered route belongs to; its size is set in
 * {@code listeners.client.bodyLimits}, and a larger body is refused 413 naming that key.
 */
public enum BodyClass {
    /** Every route that takes a small body or none: lookups, who-am-I, the watchlist. */
    SMALL("small"),
    /** Payment documents. */
    PAYMENTS("payments");

    private final String key;

    BodyClass(String key) {
        this.key = key;
    }

    /** The configuration key that sets this class's bound. */
    public String configKey() {
        return "listeners.client.bodyLimits." + key;
    }

    /** This class's bound in {@code limits}, bytes. */
    public long bound(BodyLimits limits) {
        return this == PAYMENTS ? limits.payments() : limits.small();
    }
}

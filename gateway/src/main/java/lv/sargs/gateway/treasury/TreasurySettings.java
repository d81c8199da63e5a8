package lv.sargs.gateway.treasury;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import lv.sargs.gateway.treasury.xml.XmlLimits;

/**
 * The Treasury service's configuration (keys under {@code treasury.} in the gateway's file).
 *
 * @param storeFile the payment store file ({@code treasury.mv.db} in the gateway's data directory)
 * @param storeKey the store's encryption key (in the gateway derived on the token from
 *     {@code treasury.storageKeyLabel}), or null for none; never printed
 * @param modes which client roles give view or manage mode ({@code treasury.roles.view/manage})
 * @param pollInterval how often the status of a sent payment is asked ({@code treasury.pollInterval})
 * @param retryMin the first wait after a failed exchange, doubled per failure ({@code treasury.retry.min})
 * @param retryMax the longest wait between retries ({@code treasury.retry.max})
 * @param xmlLimits bounds of every pain/camt document ({@code treasury.xml.*})
 * @param zone the Treasury's business day zone, {@code Europe/Riga}
 * @param requestThreads threads serving client requests ({@code treasury.requestThreads})
 * @param requestQueue requests waiting for those threads before 503 ({@code treasury.requestQueue})
 */
public record TreasurySettings(Path storeFile, char[] storeKey, ModeMapping modes, Duration pollInterval,
                               Duration retryMin, Duration retryMax, XmlLimits xmlLimits, ZoneId zone,
                               int requestThreads, int requestQueue) {

    public TreasurySettings {
        storeKey = storeKey == null ? null : storeKey.clone();
        positive("treasury.pollInterval", pollInterval);
        positive("treasury.retry.min", retryMin);
        positive("treasury.retry.max", retryMax);
        if (retryMax.compareTo(retryMin) < 0) {
            throw new IllegalArgumentException("treasury.retry.max: " + retryMax + " (expected: at least retry.min "
                    + retryMin + ")");
        }
        if (requestThreads < 1 || requestQueue < 1) {
            throw new IllegalArgumentException("treasury.requestThreads/requestQueue: " + requestThreads + "/"
                    + requestQueue + " (expected: at least 1 each)");
        }
    }

    /** Defaults for everything but the store: 2 s polling, retries 1 s to 60 s, 2 threads, 256 queued. */
    public static TreasurySettings defaults(Path storeFile, char[] storeKey) {
        return new TreasurySettings(storeFile, storeKey, ModeMapping.DEFAULT, Duration.ofSeconds(2),
                Duration.ofSeconds(1), Duration.ofSeconds(60), XmlLimits.TREASURY, ZoneId.of("Europe/Riga"), 2, 256);
    }

    /** A copy polling every {@code interval} and retrying from {@code retryMin}. */
    public TreasurySettings withTiming(Duration interval, Duration retryMin) {
        return new TreasurySettings(storeFile, storeKey, modes, interval, retryMin,
                retryMax.compareTo(retryMin) < 0 ? retryMin : retryMax, xmlLimits, zone, requestThreads, requestQueue);
    }

    @Override
    public char[] storeKey() {
        return storeKey == null ? null : storeKey.clone();
    }

    @Override
    public String toString() {
        return "TreasurySettings[store " + storeFile + (storeKey == null ? "" : " (encrypted)") + ", " + modes
                + ", poll " + pollInterval + "]";
    }

    private static void positive(String name, Duration d) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + ": " + d + " (expected: a positive duration)");
        }
    }
}

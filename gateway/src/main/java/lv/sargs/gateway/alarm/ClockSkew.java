package lv.sargs.gateway.alarm;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import lv.sargs.gateway.metrics.Metrics;
import lv.sargs.gateway.upstream.ServerDateListener;

/**
 * Compares this box's clock with the upstreams' {@code Date} headers: TLS validity and JWT
 * {@code exp} depend on it. At most one sample per upstream every {@link #SAMPLE_EVERY}, so the
 * response path pays a map look-up; a difference over the limit raises {@code clock.skew}
 * (CRITICAL), a later sample within it clears the alarm.
 */
public final class ClockSkew implements ServerDateListener {

    static final String ID = "clock.skew";
    static final Duration SAMPLE_EVERY = Duration.ofSeconds(10);

    private final Duration limit;
    private final Clock clock;
    private final Alarms alarms;
    private final Metrics metrics;
    private final Map<String, Sample> samples = new ConcurrentHashMap<>();

    private record Sample(Instant at, long skewSeconds) {
    }

    public ClockSkew(Duration limit, Clock clock, Alarms alarms, Metrics metrics) {
        this.limit = limit;
        this.clock = clock;
        this.alarms = alarms;
        this.metrics = metrics;
    }

    @Override
    public void serverDate(String upstream, String date) {
        Instant now = clock.instant();
        Sample last = samples.get(upstream);
        if (last != null && Duration.between(last.at(), now).compareTo(SAMPLE_EVERY) < 0) {
            return;
        }
        Instant theirs;
        try {
            theirs = ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return; // A malformed Date says nothing about our clock.
        }
        long skew = Duration.between(theirs, now).toSeconds();
        if (samples.put(upstream, new Sample(now, skew)) == null) {
            metrics.gauge("sargs_clock_skew_seconds", "This box's clock minus the upstream's Date header",
                    Metrics.label("upstream", upstream), () -> samples.get(upstream).skewSeconds());
        }
        judge();
    }

    private void judge() {
        String worst = null;
        long worstSkew = 0;
        for (Map.Entry<String, Sample> e : samples.entrySet()) {
            long s = e.getValue().skewSeconds();
            if (Math.abs(s) > Math.abs(worstSkew)) {
                worst = e.getKey();
                worstSkew = s;
            }
        }
        if (worst == null || Math.abs(worstSkew) <= limit.toSeconds()) {
            alarms.clear(ID);
            return;
        }
        alarms.raise(ID, Severity.CRITICAL, "This box's clock is " + Math.abs(worstSkew) + " s "
                        + (worstSkew > 0 ? "ahead of " : "behind ") + worst + "'s (limit " + limit.toSeconds()
                        + " s); certificates and access tokens may be refused.",
                "Check NTP on the box (timedatectl status; the configured time servers reachable); the alarm"
                        + " clears at the next answer once the clock is right.");
    }
}

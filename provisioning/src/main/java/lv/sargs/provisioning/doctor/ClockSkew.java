package lv.sargs.provisioning.doctor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * This box's clock against the upstreams' {@code Date} headers: assertions and certificates are
 * judged by time, so a clock off by more than a few seconds breaks calls in confusing ways.
 */
final class ClockSkew {

    /** Beyond this, VISS refuses client assertions (iat/nbf in the future) and TLS may judge validity wrong. */
    static final Duration LIMIT = Duration.ofSeconds(30);

    private final Clock clock;
    private Duration worst;
    private String worstFrom;

    ClockSkew(Clock clock) {
        this.clock = clock;
    }

    void observe(String upstream, String dateHeader) {
        Instant theirs;
        try {
            theirs = ZonedDateTime.parse(dateHeader, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return;
        }
        Duration skew = Duration.between(theirs, clock.instant()).abs();
        if (worst == null || skew.compareTo(worst) > 0) {
            worst = skew;
            worstFrom = upstream;
        }
    }

    Check check() {
        if (worst == null) {
            return Check.skip("clock", "no upstream answered with a Date header; check NTP with timedatectl");
        }
        String detail = "off by " + worst.toSeconds() + " s from " + worstFrom + " (HTTP Date, 1 s resolution)";
        return worst.compareTo(LIMIT) > 0
                ? Check.fail("clock", detail, "synchronise the clock: timedatectl set-ntp true; check chrony/timesyncd", 0)
                : Check.ok("clock", detail, 0);
    }
}

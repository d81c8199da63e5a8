package lv.sargs.gateway.upstream;

import io.netty.handler.codec.DateFormatter;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;

/** Parses a Retry-After header: delay-seconds or an HTTP-date (RFC 9110 §10.2.3). */
final class RetryAfter {

    private static final Duration MAX = Duration.ofHours(24);

    private RetryAfter() {
    }

    /** The wait the header asks for, at least zero and at most a day; null when absent or unparseable. */
    static Duration parse(String header, Clock clock) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.trim();
        if (value.chars().allMatch(Character::isDigit)) {
            if (value.length() > 6) {
                return MAX;
            }
            return Duration.ofSeconds(Long.parseLong(value));
        }
        Date date = DateFormatter.parseHttpDate(value);
        if (date == null) {
            return null;
        }
        Duration wait = Duration.between(clock.instant(), date.toInstant());
        return wait.isNegative() ? Duration.ZERO : (wait.compareTo(MAX) > 0 ? MAX : wait);
    }
}

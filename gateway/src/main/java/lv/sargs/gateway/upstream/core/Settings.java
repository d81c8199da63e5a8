package lv.sargs.gateway.upstream.core;

import java.time.Duration;

/** The validation messages the settings records share, in the project's one message format. */
final class Settings {

    private Settings() {
    }

    static void requireRange(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(field + ": " + value + " (expected: " + min + "-" + max + ")");
        }
    }

    static void requirePositive(String field, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(field + ": " + value + " (expected: a positive duration)");
        }
    }
}

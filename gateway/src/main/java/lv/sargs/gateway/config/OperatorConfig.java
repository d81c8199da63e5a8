package lv.sargs.gateway.config;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The optional {@code operator} section: when alarms are raised, and which GPIO pins drive the
 * status LEDs. Without the section the alarm thresholds are {@link Alarms#DEFAULTS} (logged at
 * start) and no LED is driven.
 *
 * @param alarms the detectors' thresholds
 * @param leds the status LEDs; empty when the box has none
 */
public record OperatorConfig(Alarms alarms, Optional<Leds> leds) {

    /** The section's values when it is left out: the thresholds the operators' guide documents. */
    public static final OperatorConfig DEFAULTS = new OperatorConfig(Alarms.DEFAULTS, Optional.empty());

    /**
     * {@code operator.alarms}.
     *
     * @param certificateWarning a certificate expiring within this raises a WARNING
     * @param certificateCritical a certificate expiring within this raises a CRITICAL alarm
     * @param upstreamUnavailable an upstream DOWN or DEGRADED for longer than this raises an alarm
     * @param dataDirectoryMinFree less free space than this on the data directory's file system raises an alarm
     * @param clockSkew a difference from an upstream's {@code Date} larger than this raises an alarm
     * @param checkInterval how often the time-based detectors look
     */
    public record Alarms(Duration certificateWarning, Duration certificateCritical, Duration upstreamUnavailable,
                         long dataDirectoryMinFree, Duration clockSkew, Duration checkInterval) {

        public static final Alarms DEFAULTS = new Alarms(Duration.ofDays(30), Duration.ofDays(7),
                Duration.ofMinutes(5), 1L << 30, Duration.ofSeconds(60), Duration.ofSeconds(30));
    }

    /**
     * {@code operator.leds}: each status light and the BCM GPIO pin that drives it.
     *
     * @param pins by light name (see {@link #LIGHTS})
     */
    public record Leds(Map<String, Pin> pins) {

        /** The lights a box may have, in the order of the operators' table. */
        public static final java.util.List<String> LIGHTS = java.util.List.of(
                "healthGreen", "healthAmber", "healthRed", "token", "upstreams", "alarm", "activity");

        public Leds {
            pins = Map.copyOf(pins);
        }
    }

    /**
     * One LED's pin.
     *
     * @param bcm the BCM GPIO number, 0-27
     * @param activeLow whether the LED is lit by driving the pin low (wired to +3.3 V)
     */
    public record Pin(int bcm, boolean activeLow) {
    }
}

package lv.sargs.gateway.led;

/**
 * How one light shows its state over time, in ticks of {@link #TICK_MILLIS}: steady, off, a slow
 * blink (1 s on, 1 s off: something is impaired), or a fast blink (4 per second: act now).
 */
public enum Pattern {
    OFF,
    ON,
    BLINK_SLOW,
    BLINK_FAST;

    /** The length of one tick: the LEDs change at most this often. */
    public static final long TICK_MILLIS = 125;

    /** Whether the light is lit {@code tick} ticks after the pattern began. */
    public boolean lit(long tick) {
        return switch (this) {
            case OFF -> false;
            case ON -> true;
            case BLINK_SLOW -> (tick / 8) % 2 == 0;
            case BLINK_FAST -> tick % 2 == 0;
        };
    }
}

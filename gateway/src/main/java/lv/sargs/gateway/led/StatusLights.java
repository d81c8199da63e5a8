package lv.sargs.gateway.led;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import lv.sargs.gateway.alarm.AlarmModel;
import lv.sargs.gateway.config.OperatorConfig;
import lv.sargs.gateway.status.State;
import lv.sargs.gateway.status.StatusModel;
import lv.sargs.gateway.status.StatusReporter;
import org.tinylog.Logger;

/**
 * Drives the status LEDs from the status model and the alarms ({@link LightPlan}), one tick every
 * {@link Pattern#TICK_MILLIS} on a daemon thread of its own, each pattern starting lit when it
 * begins; the activity light flashes for one
 * tick when client requests were answered since its last flash, at most twice a second. The LEDs
 * are a courtesy: a box without GPIO reports component {@code leds} OK "not present" (logged as a
 * WARN), and a driver that fails is switched off and reported DEGRADED; neither stops the gateway.
 */
public final class StatusLights implements AutoCloseable {

    /** The status component the LEDs report into. */
    public static final String COMPONENT = "leds";
    /** Ticks between two activity flashes: at most two per second. */
    static final long FLASH_EVERY_TICKS = 4;

    private final Context gpio;
    private final Map<String, Light> lights;
    private final StatusModel status;
    private final AlarmModel alarms;
    private final LongSupplier activity;
    private final Clock clock;
    private final StatusReporter reporter;
    private ScheduledExecutorService timer;
    private long seenActivity;
    private long nextFlash;
    private boolean broken;

    private static final class Light {
        final DigitalOutput output;
        final boolean activeLow;
        Boolean lit;
        Pattern pattern = Pattern.OFF;
        long patternStart;

        Light(DigitalOutput output, boolean activeLow) {
            this.output = output;
            this.activeLow = activeLow;
        }
    }

    private StatusLights(Context gpio, Map<String, Light> lights, StatusModel status, AlarmModel alarms,
                         LongSupplier activity, Clock clock, StatusReporter reporter) {
        this.gpio = gpio;
        this.lights = lights;
        this.status = status;
        this.alarms = alarms;
        this.activity = activity;
        this.clock = clock;
        this.reporter = reporter;
        this.seenActivity = activity.getAsLong();
    }

    /**
     * Registers component {@code leds} and, when LEDs are configured and {@code gpio} yields a
     * context with digital outputs, drives them every tick; never throws for want of GPIO.
     *
     * @param gpio opens the Pi4J context (the auto-detected one in production)
     * @return the lights, or empty when there are none to drive
     */
    public static Optional<StatusLights> start(Optional<OperatorConfig.Leds> config, Supplier<Context> gpio,
                                               StatusModel status, AlarmModel alarms, LongSupplier activity,
                                               Clock clock) {
        Optional<StatusLights> lights = open(config, gpio, status, alarms, activity, clock);
        lights.ifPresent(StatusLights::schedule);
        return lights;
    }

    /** As {@link #start} without the timer: the caller calls {@link #refresh()} (tests, with a fake clock). */
    static Optional<StatusLights> open(Optional<OperatorConfig.Leds> config, Supplier<Context> gpio,
                                       StatusModel status, AlarmModel alarms, LongSupplier activity, Clock clock) {
        if (config.isEmpty() || config.get().pins().isEmpty()) {
            status.register(COMPONENT, false, State.OK, "not configured (no operator.leds)");
            return Optional.empty();
        }
        StatusReporter reporter = status.register(COMPONENT, false, State.DEGRADED, "starting");
        Context context = null;
        try {
            context = gpio.get();
            Map<String, Light> lights = new LinkedHashMap<>();
            for (String name : OperatorConfig.Leds.LIGHTS) {
                OperatorConfig.Pin pin = config.get().pins().get(name);
                if (pin != null) {
                    DigitalState off = pin.activeLow() ? DigitalState.HIGH : DigitalState.LOW;
                    DigitalOutput output = context.dout().create(DigitalOutput.newConfigBuilder(context)
                            .id("sargs-led-" + name).name("status LED " + name).address(pin.bcm())
                            .initial(off).shutdown(off).build());
                    lights.put(name, new Light(output, pin.activeLow()));
                }
            }
            StatusLights out = new StatusLights(context, lights, status, alarms, activity, clock, reporter);
            reporter.ok(lights.size() + " LED(s) on GPIO " + pins(config.get()));
            out.refresh();
            return Optional.of(out);
        } catch (RuntimeException | LinkageError e) {
            // No GPIO here (a server, a VM) or no native library: the gateway runs on without lights, and
            // a box that has none is not impaired by it (OK, with the reason).
            reporter.ok("not present: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            Logger.warn("status LEDs not present ({}); the gateway runs on without them", e.toString());
            shutdownQuietly(context);
            return Optional.empty();
        }
    }

    /** Sets every light for the current tick; a driver failure switches the lights off for good. */
    public synchronized void refresh() {
        if (broken) {
            return;
        }
        long tick = clock.millis() / Pattern.TICK_MILLIS;
        Map<String, Pattern> plan = LightPlan.of(status.snapshot(), alarms.open());
        plan.put(LightPlan.ACTIVITY, activity(tick) ? Pattern.ON : Pattern.OFF);
        try {
            for (Map.Entry<String, Light> e : lights.entrySet()) {
                Light light = e.getValue();
                Pattern pattern = plan.get(e.getKey());
                if (pattern != light.pattern) {
                    // A new pattern starts lit, so a change shows at once.
                    light.pattern = pattern;
                    light.patternStart = tick;
                }
                boolean lit = pattern.lit(tick - light.patternStart);
                if (light.lit == null || light.lit != lit) {
                    light.output.state(lit != light.activeLow ? DigitalState.HIGH : DigitalState.LOW);
                    light.lit = lit;
                }
            }
        } catch (RuntimeException e) {
            broken = true;
            reporter.degraded("LED driver failed, lights switched off: " + e.getMessage());
            Logger.error("status LED driver failed, lights switched off: {}", e.toString());
            if (timer != null) {
                timer.shutdown();
            }
        }
    }

    /** The pattern light {@code name} shows now; empty when the box has no such light. */
    public synchronized Optional<Pattern> pattern(String name) {
        return Optional.ofNullable(lights.get(name)).map(l -> l.pattern);
    }

    private boolean activity(long tick) {
        long now = activity.getAsLong();
        if (now != seenActivity && tick >= nextFlash) {
            seenActivity = now;
            nextFlash = tick + FLASH_EVERY_TICKS;
            return true;
        }
        return false;
    }

    private void schedule() {
        timer = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("sargs-status-leds", true));
        timer.scheduleAtFixedRate(this::refresh, Pattern.TICK_MILLIS, Pattern.TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Stops the timer, switches every light off and releases the GPIO lines. */
    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
        broken = true;
        shutdownQuietly(gpio);
    }

    private static void shutdownQuietly(Context context) {
        if (context == null) {
            return;
        }
        try {
            context.shutdown();
        } catch (RuntimeException e) {
            Logger.warn("releasing the status LEDs' GPIO failed: {}", e.toString());
        }
    }

    private static String pins(OperatorConfig.Leds leds) {
        StringBuilder b = new StringBuilder();
        leds.pins().entrySet().stream().sorted(Map.Entry.comparingByValue(
                        java.util.Comparator.comparingInt(OperatorConfig.Pin::bcm)))
                .forEach(e -> b.append(b.isEmpty() ? "" : ", ").append(e.getKey()).append('=').append(e.getValue().bcm())
                        .append(e.getValue().activeLow() ? " (active low)" : ""));
        return b.toString();
    }
}

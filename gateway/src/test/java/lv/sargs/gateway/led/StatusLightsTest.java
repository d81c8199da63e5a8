package lv.sargs.gateway.led;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.platform.MockPlatform;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import lv.sargs.gateway.alarm.AlarmModel;
import lv.sargs.gateway.alarm.Severity;
import lv.sargs.gateway.config.OperatorConfig;
import lv.sargs.gateway.status.ComponentStatus;
import lv.sargs.testkit.FakeClock;
import lv.sargs.gateway.status.State;
import lv.sargs.gateway.status.StatusModel;
import lv.sargs.gateway.status.StatusReporter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The table of docs/operators.md, on a real Pi4J context with the mock GPIO provider and a fake clock. */
class StatusLightsTest {

    private static final Map<String, OperatorConfig.Pin> PINS = new LinkedHashMap<>();

    static {
        PINS.put(LightPlan.HEALTH_GREEN, new OperatorConfig.Pin(17, false));
        PINS.put(LightPlan.HEALTH_AMBER, new OperatorConfig.Pin(27, false));
        PINS.put(LightPlan.HEALTH_RED, new OperatorConfig.Pin(22, false));
        PINS.put(LightPlan.TOKEN, new OperatorConfig.Pin(23, false));
        PINS.put(LightPlan.UPSTREAMS, new OperatorConfig.Pin(24, false));
        PINS.put(LightPlan.ALARM, new OperatorConfig.Pin(25, true));
        PINS.put(LightPlan.ACTIVITY, new OperatorConfig.Pin(5, false));
    }

    private final FakeClock clock = new FakeClock(Instant.parse("2026-12-01T09:00:00Z"));
    private final StatusModel status = new StatusModel(clock);
    private final AlarmModel alarms = new AlarmModel(clock);
    private final AtomicLong requests = new AtomicLong();
    private Context gpio;
    private StatusLights lights;
    private StatusReporter token;
    private StatusReporter viss;

    @BeforeEach
    void start() {
        gpio = Pi4J.newContextBuilder().add(new MockPlatform()).add(MockDigitalOutputProvider.newInstance()).build();
        token = status.register("token", true, State.OK, "logged in");
        viss = status.register("upstream.viss", false, State.OK, "answering");
        lights = StatusLights.open(Optional.of(new OperatorConfig.Leds(PINS)), () -> gpio, status, alarms,
                requests::get, clock).orElseThrow();
    }

    @AfterEach
    void stop() {
        lights.close();
    }

    @Test
    void healthLightsFollowTheOverallState() {
        assertEquals("green", health());
        viss.degraded("retrying");
        lights.refresh();
        assertEquals("amber", health());
        token.failed("CKR_TOKEN_NOT_PRESENT");
        lights.refresh();
        assertEquals("red", health());
        token.ok("back");
        viss.ok("answering");
        lights.refresh();
        assertEquals("green", health());
    }

    @Test
    void componentLightsAreSteadyWhenOkBlinkSlowlyWhenDegradedAndFastWhenFailed() {
        assertEquals(List.of(true, true, true, true), sequence(LightPlan.TOKEN, 4));
        viss.degraded("retrying");
        assertEquals(List.of(true, true, true, true, true, true, true, true, false, false, false, false, false, false,
                false, false, true), sequence(LightPlan.UPSTREAMS, 17));
        token.failed("logged out");
        assertEquals(List.of(true, false, true, false), sequence(LightPlan.TOKEN, 4));
    }

    @Test
    void theAlarmLightBlinksWhileAnAlarmWaitsForAcknowledgementAndIsSteadyAfter() {
        assertEquals(List.of(false, false), sequence(LightPlan.ALARM, 2));
        alarms.raise("token", Severity.CRITICAL, "gone", "plug it in");
        assertEquals(List.of(true, false, true, false), sequence(LightPlan.ALARM, 4));
        alarms.acknowledge("token", "ilze");
        assertEquals(List.of(true, true, true, true), sequence(LightPlan.ALARM, 4));
        alarms.clear("token");
        assertEquals(List.of(false, false), sequence(LightPlan.ALARM, 2));
    }

    @Test
    void anActiveLowLightDrivesItsPinLowToLight() {
        alarms.raise("token", Severity.CRITICAL, "gone", "plug it in");
        alarms.acknowledge("token", "ilze");
        lights.refresh();
        assertEquals(DigitalState.LOW, output(LightPlan.ALARM).state());
        assertEquals(DigitalState.HIGH, output(LightPlan.HEALTH_GREEN).state());
    }

    @Test
    void activityFlashesOneTickAtMostTwiceASecond() {
        List<Boolean> seen = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            requests.incrementAndGet();
            seen.addAll(sequence(LightPlan.ACTIVITY, 1));
        }
        assertEquals(List.of(true, false, false, false, true, false, false, false, true), seen);
        assertEquals(List.of(false, false), sequence(LightPlan.ACTIVITY, 2), "no traffic, no flash");
    }

    @Test
    void aBoxWithoutGpioSaysNotPresentAndRunsOn() {
        StatusModel other = new StatusModel(clock);
        Optional<StatusLights> none = StatusLights.open(Optional.of(new OperatorConfig.Leds(PINS)), () -> {
            throw new UnsatisfiedLinkError("no gpiod in java.library.path");
        }, other, alarms, requests::get, clock);
        assertTrue(none.isEmpty());
        ComponentStatus leds = other.component(StatusLights.COMPONENT).orElseThrow();
        assertEquals(State.OK, leds.state(), "a box without lights is not impaired");
        assertTrue(leds.reason().startsWith("not present: "), leds.reason());
    }

    @Test
    void withoutLedsConfiguredTheComponentSaysSo() {
        StatusModel other = new StatusModel(clock);
        assertTrue(StatusLights.open(Optional.empty(), () -> gpio, other, alarms, requests::get, clock).isEmpty());
        assertEquals(State.OK, other.component(StatusLights.COMPONENT).orElseThrow().state());
    }

    /** The light's state (as the pin shows it) over {@code ticks} ticks of the fake clock. */
    private List<Boolean> sequence(String light, int ticks) {
        List<Boolean> out = new ArrayList<>();
        for (int i = 0; i < ticks; i++) {
            clock.advance(Duration.ofMillis(Pattern.TICK_MILLIS));
            lights.refresh();
            boolean high = output(light).state() == DigitalState.HIGH;
            out.add(high != PINS.get(light).activeLow());
        }
        return out;
    }

    private String health() {
        String lit = "";
        for (String[] light : new String[][] {{LightPlan.HEALTH_GREEN, "green"}, {LightPlan.HEALTH_AMBER, "amber"},
                {LightPlan.HEALTH_RED, "red"}}) {
            if (output(light[0]).state() == DigitalState.HIGH) {
                lit += light[1];
            }
        }
        return lit;
    }

    private DigitalOutput output(String light) {
        return gpio.registry().get("sargs-led-" + light, DigitalOutput.class);
    }
}

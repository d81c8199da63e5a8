package lv.sargs.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The optional {@code operator} section: alarm thresholds and LED pins, with every problem named. */
class OperatorReaderTest {

    @TempDir
    Path dir;

    private final ConfigLoader loader = ConfigLoader.with(Clock.systemUTC(), Map.of());
    private ConfigFixture f;

    @BeforeEach
    void fixture() throws Exception {
        f = new ConfigFixture(dir);
    }

    @Test
    void withoutTheSectionTheDocumentedThresholdsApplyAndNoLedIsDriven() throws Exception {
        OperatorConfig operator = loader.parse(f.yaml(), "sargs.yaml").operator();
        assertEquals(OperatorConfig.DEFAULTS, operator);
        assertEquals(Duration.ofDays(30), operator.alarms().certificateWarning());
        assertEquals(Duration.ofDays(7), operator.alarms().certificateCritical());
        assertEquals(Duration.ofSeconds(60), operator.alarms().clockSkew());
    }

    @Test
    void readsThresholdsAndPins() throws Exception {
        OperatorConfig operator = loader.parse(f.yaml() + """
                operator:
                  alarms: {certificateWarning: 45d, certificateCritical: 10d, upstreamUnavailable: 2m,
                           dataDirectoryMinFree: 512MiB, clockSkew: 30s, checkInterval: 10s}
                  leds:
                    healthGreen: {pin: 17, active: high}
                    alarm: {pin: 25, active: low}
                """, "sargs.yaml").operator();
        assertEquals(Duration.ofDays(45), operator.alarms().certificateWarning());
        assertEquals(512L << 20, operator.alarms().dataDirectoryMinFree());
        assertEquals(Map.of("healthGreen", new OperatorConfig.Pin(17, false), "alarm", new OperatorConfig.Pin(25, true)),
                operator.leds().orElseThrow().pins());
    }

    @Test
    void namesEveryBadValue() {
        ConfigException e = assertThrows(ConfigException.class, () -> loader.parse(f.yaml() + """
                operator:
                  alarms: {certificateWarning: 5d, certificateCritical: 10d, upstreamUnavailable: 2m,
                           dataDirectoryMinFree: 512MiB, clockSkew: 30s}
                  leds:
                    healthGreen: {pin: 17, active: high}
                    token: {pin: 17, active: sideways}
                    blue: {pin: 4, active: high}
                """, "sargs.yaml"));
        String m = e.problems().toString();
        assertTrue(m.contains("operator.alarms.checkInterval: (missing)"), m);
        assertTrue(m.contains("operator.alarms: certificateCritical 10d (expected: shorter than certificateWarning 5d)"), m);
        assertTrue(m.contains("operator.leds.token.active: sideways"), m);
        assertTrue(m.contains("operator.leds.blue: (unknown key)"), m);
    }
}

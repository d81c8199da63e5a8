package lv.sargs.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class UnitsTest {

    private static final Duration DAY = Duration.ofDays(1);

    @Test
    void parsesDurationsInEachUnit() {
        assertEquals(Duration.ofMillis(500), Units.duration("500ms", Duration.ZERO, DAY));
        assertEquals(Duration.ofSeconds(10), Units.duration("10s", Duration.ZERO, DAY));
        assertEquals(Duration.ofMinutes(2), Units.duration("2m", Duration.ZERO, DAY));
        assertEquals(Duration.ofHours(1), Units.duration("1h", Duration.ZERO, DAY));
    }

    @Test
    void rejectsDurationsWithoutUnitOrOutOfRange() {
        assertThrows(IllegalArgumentException.class, () -> Units.duration("10", Duration.ZERO, DAY));
        assertThrows(IllegalArgumentException.class, () -> Units.duration("1.5s", Duration.ZERO, DAY));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Units.duration("2h", Duration.ZERO, Duration.ofHours(1)));
        assertEquals("a duration 0s to 1h, written like 500ms, 10s, 2m or 1h", e.getMessage());
    }

    @Test
    void parsesBinarySizes() {
        assertEquals(512, Units.size("512B", 0, Long.MAX_VALUE));
        assertEquals(16 * 1024, Units.size("16KiB", 0, Long.MAX_VALUE));
        assertEquals(10L * 1024 * 1024, Units.size("10MiB", 0, Long.MAX_VALUE));
        assertThrows(IllegalArgumentException.class, () -> Units.size("16KB", 0, Long.MAX_VALUE));
    }

    @Test
    void parsesEndpointsAsIpLiteralsOnly() {
        assertEquals(new Endpoint("0.0.0.0", 8443), Units.endpoint("0.0.0.0:8443"));
        assertEquals(new Endpoint("::1", 9090), Units.endpoint("[0:0:0:0:0:0:0:1]:9090"));
        assertThrows(IllegalArgumentException.class, () -> Units.endpoint("localhost:9090"));
        assertThrows(IllegalArgumentException.class, () -> Units.endpoint("127.0.0.1"));
        assertEquals("port 0-65535", assertThrows(IllegalArgumentException.class,
                () -> Units.endpoint("127.0.0.1:70000")).getMessage());
    }

    @Test
    void coversOnlyWholeBlocksOfTheSameFamily() {
        assertEquals(true, CrossChecks.covers(Cidr.parse("10.0.0.0/8"), Cidr.parse("10.1.0.0/16")));
        assertEquals(false, CrossChecks.covers(Cidr.parse("10.1.0.0/16"), Cidr.parse("10.0.0.0/8")));
        assertEquals(false, CrossChecks.covers(Cidr.parse("0.0.0.0/0"), Cidr.parse("::1/128")));
    }
}

package lv.sargs.gateway.alarm;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import lv.sargs.gateway.metrics.Metrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The free-space alarm on the real file system of a temporary data directory. */
class DiskSpaceTest {

    @TempDir
    Path data;

    @Test
    void lessFreeThanConfiguredRaisesTheAlarmAndEnoughClearsIt() throws Exception {
        AlarmModel alarms = new AlarmModel(Clock.systemUTC());
        long free = Files.getFileStore(data).getUsableSpace();
        new DiskSpace(data, free * 8, alarms, new Metrics()).check();
        Alarm alarm = alarms.get(DiskSpace.ID).orElseThrow();
        assertTrue(alarm.severity() == Severity.CRITICAL, "below a quarter of the threshold: " + alarm);
        assertTrue(alarm.meaning().contains(data.toString()) && alarm.action().contains("Free space"), alarm.meaning());

        new DiskSpace(data, 1L << 20, alarms, new Metrics()).check();
        assertTrue(alarms.open().isEmpty());
    }
}

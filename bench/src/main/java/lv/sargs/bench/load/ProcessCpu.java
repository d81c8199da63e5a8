package lv.sargs.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The CPU time a process has used so far, read from /proc, for the gateway's CPU per request. */
final class ProcessCpu {

    private ProcessCpu() {
    }

    /** utime + stime of {@code pid} in nanoseconds (clock ticks of 10 ms); 0 without a pid. */
    static long nanos(long pid) throws IOException {
        if (pid <= 0) {
            return 0;
        }
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L;
    }
}

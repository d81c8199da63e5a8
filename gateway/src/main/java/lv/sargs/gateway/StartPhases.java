package lv.sargs.gateway;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.tinylog.Logger;

/**
 * The start-up's profile at DEBUG: for each phase of {@link Gateway#start}, the wall time and the
 * main thread's CPU time it took, so that a slow start can be pinned to its phase without a
 * profiler; costs nothing when DEBUG is off.
 */
final class StartPhases {

    private final boolean enabled = Logger.isDebugEnabled();
    private final ThreadMXBean threads = enabled ? ManagementFactory.getThreadMXBean() : null;
    private long wall = System.nanoTime();
    private long cpu = enabled ? threads.getCurrentThreadCpuTime() : 0;

    /** Logs the phase that ended now and starts the next one. */
    void done(String phase) {
        if (!enabled) {
            return;
        }
        long wallNow = System.nanoTime();
        long cpuNow = threads.getCurrentThreadCpuTime();
        Logger.debug("start-up phase '{}': {} ms, {} ms of the thread's CPU", phase, (wallNow - wall) / 1_000_000,
                (cpuNow - cpu) / 1_000_000);
        wall = wallNow;
        cpu = cpuNow;
    }
}

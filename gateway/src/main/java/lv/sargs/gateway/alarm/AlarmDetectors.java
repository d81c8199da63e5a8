package lv.sargs.gateway.alarm;

import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import lv.sargs.gateway.config.GatewayConfig;
import lv.sargs.gateway.config.OperatorConfig;
import lv.sargs.gateway.metrics.Metrics;
import lv.sargs.gateway.status.StatusModel;
import org.tinylog.Logger;

/**
 * The detectors that look rather than listen — certificate files, free space, how long an upstream
 * has been out — run every {@code operator.alarms.checkInterval} on one daemon thread of their own
 * (they read files); the status model's changes reach {@link StatusAlarms} as they happen.
 */
public final class AlarmDetectors implements AutoCloseable {

    private final ScheduledExecutorService timer;
    private final CertificateExpiry certificates;
    private final DiskSpace disk;
    private final StatusAlarms status;

    private AlarmDetectors(ScheduledExecutorService timer, CertificateExpiry certificates, DiskSpace disk,
                           StatusAlarms status) {
        this.timer = timer;
        this.certificates = certificates;
        this.disk = disk;
        this.status = status;
    }

    /** Starts watching: checks once at once (on the caller's thread), then every check interval. */
    public static AlarmDetectors start(GatewayConfig config, StatusModel statusModel, AlarmModel alarms,
                                       Metrics metrics, Clock clock) {
        OperatorConfig.Alarms limits = config.operator().alarms();
        CertificateExpiry certificates = new CertificateExpiry(CertificateSource.of(config),
                limits.certificateWarning(), limits.certificateCritical(), clock, alarms, metrics);
        DiskSpace disk = new DiskSpace(config.dataDirectory(), limits.dataDirectoryMinFree(), alarms, metrics);
        StatusAlarms status = new StatusAlarms(statusModel, alarms, limits.upstreamUnavailable(), clock);
        statusModel.addListener(status);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
                new DefaultThreadFactory("sargs-alarm-detectors", true));
        AlarmDetectors detectors = new AlarmDetectors(timer, certificates, disk, status);
        detectors.checkNow();
        long every = limits.checkInterval().toMillis();
        timer.scheduleWithFixedDelay(detectors::checkNow, every, every, TimeUnit.MILLISECONDS);
        return detectors;
    }

    /** Runs every detector once; a failing detector is logged and the others still run. */
    public void checkNow() {
        for (Runnable r : new Runnable[] {certificates::check, disk::check, status::check}) {
            try {
                r.run();
            } catch (RuntimeException e) {
                Logger.error("an alarm detector failed: {}", e.toString());
            }
        }
    }

    @Override
    public void close() {
        status.stop();
        timer.shutdownNow();
    }
}

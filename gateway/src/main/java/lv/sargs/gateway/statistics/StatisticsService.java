package lv.sargs.gateway.statistics;

import lv.sargs.gateway.statistics.report.ReportSubmission;
import lv.sargs.gateway.statistics.report.StatisticsMetrics;
import lv.sargs.gateway.statistics.report.StatisticsException;
import lv.sargs.gateway.statistics.report.ReportStatus;
import lv.sargs.gateway.statistics.report.ReportState;
import lv.sargs.gateway.statistics.report.ProducedFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import lv.sargs.gateway.metrics.Metrics;
import lv.sargs.gateway.statistics.delivery.DeliveryCycle;
import lv.sargs.gateway.statistics.delivery.DeliveryListener;
import lv.sargs.gateway.statistics.delivery.SftpConnector;
import lv.sargs.gateway.statistics.format.FileNames;
import lv.sargs.gateway.statistics.protect.CmsFileProtector;
import lv.sargs.gateway.statistics.protect.FileProtector;
import lv.sargs.gateway.statistics.store.ReportStore;
import lv.sargs.gateway.threads.ThreadPools;
import lv.sargs.hsm.Token;
import org.tinylog.Logger;

/**
 * The statistics job: takes a report from the bank's reporting system, produces its signed and
 * encrypted files exactly to Latvijas Banka's rules, delivers them over SFTP and brings back the
 * answer — delivery and reply polling on the service's own thread, state durable in the data
 * directory.
 *
 * <p>{@link #submit} blocks while the report streams through validation and production (seconds
 * for a large report): call it from a worker thread, never from an event loop.
 */
public final class StatisticsService implements AutoCloseable {

    private static final DateTimeFormatter YYYYMMDD = DateTimeFormatter.ofPattern("uuuuMMdd");

    private final StatisticsSettings settings;
    private final Clock clock;
    private final ReportStore store;
    private final ReportProducer producer;
    private final SftpConnector connector;
    private final DeliveryCycle cycle;
    private final ScheduledExecutorService courier;
    private final StatisticsMetrics metrics;
    private final ReentrantLock submitting = new ReentrantLock();
    private final Path workDir;
    private final Path filesDir;

    private StatisticsService(StatisticsSettings settings, FileProtector protector, Token token, Metrics registry,
                              Clock clock) throws IOException {
        this.settings = settings;
        this.clock = clock;
        this.metrics = new StatisticsMetrics(registry);
        this.workDir = Files.createDirectories(settings.dataDir().resolve("work"));
        this.filesDir = Files.createDirectories(settings.dataDir().resolve("files"));
        this.producer = new ReportProducer(settings, protector);
        // A size limit that leaves no room for content must stop start-up, not the first report.
        producer.plainBudget();
        this.store = ReportStore.open(settings.dataDir().resolve("reports.mv.db"));
        this.connector = new SftpConnector(settings.sftp(), token);
        this.cycle = new DeliveryCycle(store, connector, settings.sftp(), filesDir, metrics, clock);
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1,
                ThreadPools.threadFactory("statistics-courier", true));
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.courier = executor;
    }

    /**
     * Starts the service with files signed and encrypted by {@link CmsFileProtector} with
     * {@code settings.signingKeyLabel()} on {@code token}; see {@link #start(StatisticsSettings,
     * FileProtector, Token, Metrics, Clock)}.
     *
     * @throws StatisticsException {@code CONFIGURATION} when the signing key has no certificate, a
     *     recipient certificate is unusable, or the size limit leaves no room for content
     */
    public static StatisticsService start(StatisticsSettings settings, Token token, Metrics metrics, Clock clock) {
        return start(settings, new CmsFileProtector(token, settings.signingKeyLabel(), settings.recipients(),
                settings.signWait()), token, metrics, clock);
    }

    /**
     * Opens the store under {@code settings.dataDir()} and starts delivery (every
     * {@code deliveryInterval}) and reply polling (every {@code pollInterval}).
     *
     * @param protector signs and encrypts each file (e.g. {@code CmsFileProtector} over the token)
     * @param token the token holding the SFTP login key {@code statistics.sftp.userKeyLabel}
     * @param metrics the registry the statistics counters join
     * @param clock the time source; its zone decides "today" for {@code IESN_DAT}
     */
    public static StatisticsService start(StatisticsSettings settings, FileProtector protector, Token token,
                                          Metrics metrics, Clock clock) {
        StatisticsService service;
        try {
            service = new StatisticsService(settings, protector, token, metrics, clock);
        } catch (IOException e) {
            throw new StatisticsException(StatisticsException.Code.STORAGE_FAILED,
                    "statistics.dataDir: " + settings.dataDir() + " (" + e.getMessage() + ")", e);
        }
        long delivery = settings.deliveryInterval().toMillis();
        long poll = settings.pollInterval().toMillis();
        service.courier.scheduleWithFixedDelay(() -> service.runCycle(false), 0, delivery, TimeUnit.MILLISECONDS);
        service.courier.scheduleWithFixedDelay(() -> service.runCycle(true), poll, poll, TimeUnit.MILLISECONDS);
        return service;
    }

    /**
     * Validates the report, produces its files and queues them for delivery; returns the report id.
     *
     * @param body the report in the submission's form, UTF-8; read to its end, not closed
     * @throws ReportRejectedException with every problem and its line number; nothing is kept or sent
     * @throws StatisticsException when production fails ({@code TOO_MANY_PARTS}, {@code PART_TOO_LARGE},
     *     {@code PROTECTION_FAILED}, {@code STORAGE_FAILED})
     */
    public String submit(ReportSubmission submission, InputStream body) {
        if (courier.isShutdown()) {
            throw new StatisticsException(StatisticsException.Code.CLOSED, "the statistics service is closed");
        }
        String id = UUID.randomUUID().toString();
        Path outDir = filesDir.resolve(id);
        submitting.lock();
        try {
            String setKey = submission.prefix() + "_" + settings.orgCode() + "_" + YYYYMMDD.format(submission.periodEnd());
            int atLeast = submission.correction().orElse(0) + 1;
            int version = store.peekSetVersion(setKey, atLeast);
            if (version > FileNames.MAX_VERSION) {
                throw new StatisticsException(StatisticsException.Code.INVALID_SUBMISSION, setKey + ": set version "
                        + version + " (expected: at most " + FileNames.MAX_VERSION + ", the file names' vNN)");
            }
            List<ProducedFile> files = producer.produce(submission, body, LocalDate.now(clock), version, workDir, outDir);
            store.useSetVersion(setKey, version);
            store.put(new ReportStatus(id, ReportState.PRODUCED, submission.prefix(), settings.orgCode(),
                    submission.periodEnd(), submission.correction().orElse(0), version, clock.instant(), files,
                    List.of(), null));
            metrics.reportProduced();
            Logger.info("statistics report {}: {} file(s) produced for {}", id, files.size(), setKey);
        } catch (ReportRejectedException e) {
            metrics.reportRefused();
            deleteTree(outDir);
            throw e;
        } catch (IOException e) {
            deleteTree(outDir);
            throw new StatisticsException(StatisticsException.Code.STORAGE_FAILED,
                    "report " + id + ": cannot be read or written (" + e.getMessage() + ")", e);
        } catch (RuntimeException e) {
            deleteTree(outDir);
            throw e;
        } finally {
            submitting.unlock();
        }
        courier.execute(() -> runCycle(false));
        return id;
    }

    /** The report's status: files, delivery attempts and Latvijas Banka's answer; empty for an unknown id. */
    public Optional<ReportStatus> status(String id) {
        return store.get(id);
    }

    /** Tells {@code listener} how each later delivery round ends (on the courier's thread). */
    public void onDelivery(DeliveryListener listener) {
        cycle.listener(listener);
    }

    /** Runs a delivery and reply collection now, on the service's thread (the console's "deliver now"). */
    public CompletableFuture<Void> deliverNow() {
        return CompletableFuture.runAsync(() -> runCycle(true), courier);
    }

    private void runCycle(boolean collectReplies) {
        try {
            cycle.run(collectReplies);
        } catch (RuntimeException e) {
            // An exception escaping a scheduled task would silently end the schedule for good; the next
            // cycle starts again from the durable state, so the failure is logged and the schedule kept.
            Logger.error(e, "statistics courier: {}", e.getMessage());
        }
    }

    /** Stops delivery and polling (waiting for a running cycle) and closes the store. */
    @Override
    public void close() {
        courier.shutdown();
        try {
            if (!courier.awaitTermination(settings.sftp().timeout().toMillis() * 2, TimeUnit.MILLISECONDS)) {
                courier.shutdownNow();
            }
        } catch (InterruptedException e) {
            courier.shutdownNow();
            Thread.currentThread().interrupt();
        }
        connector.close();
        store.close();
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            Logger.warn("statistics: cannot remove {} ({})", dir, e.getMessage());
        }
    }
}

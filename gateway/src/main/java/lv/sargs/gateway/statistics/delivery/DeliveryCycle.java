package lv.sargs.gateway.statistics.delivery;

import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import lv.sargs.gateway.text.ClientValues;
import lv.sargs.gateway.statistics.report.DeliveryAttempt;
import lv.sargs.gateway.statistics.report.LbAnswer;
import lv.sargs.gateway.statistics.report.ProducedFile;
import lv.sargs.gateway.statistics.report.ReportState;
import lv.sargs.gateway.statistics.report.ReportStatus;
import lv.sargs.gateway.statistics.report.StatisticsMetrics;
import lv.sargs.gateway.statistics.store.ReportStore;
import org.tinylog.Logger;

/**
 * One round of the statistics courier, run on the service's own thread: uploads the files of every
 * undelivered report to {@code STAT/OUT} under a temporary name and renames each when complete
 * (redoing an interrupted upload, never leaving a partial file under its final name), then collects
 * the replies in {@code STAT/IN} and records each with the report whose file it names.
 */
public final class DeliveryCycle {

    /** The suffix of a file being uploaded; the exchange ignores such names. */
    public static final String TEMPORARY_SUFFIX = ".part";
    private static final int MAX_REPLY_BYTES = 1024 * 1024;

    private final ReportStore store;
    private final SftpConnector connector;
    private final SftpSettings settings;
    private final Path filesDir;
    private final StatisticsMetrics metrics;
    private final Clock clock;
    private final Set<String> unmatchedReplies = new HashSet<>();
    private volatile DeliveryListener listener = DeliveryListener.NONE;

    /**
     * @param filesDir the directory holding one sub-directory of produced files per report id
     */
    public DeliveryCycle(ReportStore store, SftpConnector connector, SftpSettings settings, Path filesDir,
                         StatisticsMetrics metrics, Clock clock) {
        this.store = store;
        this.connector = connector;
        this.settings = settings;
        this.filesDir = filesDir;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Tells {@code value} how each round with work to do ended (the status model's view of delivery). */
    public void listener(DeliveryListener value) {
        this.listener = value;
    }

    /** Delivers what is pending and, when {@code collectReplies}, collects replies; failures are recorded, not thrown. */
    public void run(boolean collectReplies) {
        List<ReportStatus> pending = store.inStates(ReportState.PRODUCED);
        boolean awaiting = !store.inStates(ReportState.DELIVERED).isEmpty();
        if (pending.isEmpty() && !(collectReplies && awaiting)) {
            return;
        }
        SftpExchange exchange;
        try {
            exchange = connector.open();
        } catch (DeliveryException e) {
            Logger.warn("statistics delivery: {}", ClientValues.forText(e.getMessage()));
            for (ReportStatus report : pending) {
                recordFailure(report.id(), e);
            }
            listener.failed(e.getMessage());
            return;
        }
        String failure = null;
        try (exchange) {
            for (ReportStatus report : pending) {
                DeliveryException e = deliver(report, exchange);
                failure = e == null ? failure : e.getMessage();
            }
            // Even when a report could not be delivered, the others' answers are still brought in.
            if (collectReplies) {
                collect(exchange);
            }
        } catch (DeliveryException e) {
            Logger.warn("statistics replies: {}", ClientValues.forText(e.getMessage()));
            failure = e.getMessage();
        }
        if (failure == null) {
            listener.succeeded(pending.size());
        } else {
            listener.failed(failure);
        }
    }

    /** Uploads the report's files, recording the attempt either way; the failure, or null. */
    private DeliveryException deliver(ReportStatus report, SftpExchange exchange) {
        try {
            for (ProducedFile file : report.files()) {
                deliverFile(report.id(), file, exchange);
            }
        } catch (DeliveryException e) {
            Logger.warn("statistics report {}: {}", report.id(), ClientValues.forText(e.getMessage()));
            recordFailure(report.id(), e);
            return e;
        }
        store.update(report.id(), s -> s.withAttempt(new DeliveryAttempt(clock.instant(), true,
                s.files().size() + " file(s) in " + settings.outDir()), ReportState.DELIVERED));
        metrics.delivery(true);
        Logger.info("statistics report {}: delivered to {}", report.id(), settings.outDir());
        return null;
    }

    private void recordFailure(String id, DeliveryException e) {
        metrics.delivery(false);
        store.update(id, s -> s.withAttempt(new DeliveryAttempt(clock.instant(), false, e.getMessage()), s.state()));
    }

    private void deliverFile(String id, ProducedFile file, SftpExchange exchange) throws DeliveryException {
        String target = settings.outDir() + "/" + file.name();
        String temporary = target + TEMPORARY_SUFFIX;
        switch (file.delivery()) {
            case DELIVERED -> {
                return;
            }
            case RENAMING -> {
                // Renamed before the last run stopped, unless the temporary file is still there.
                if (exchange.exists(temporary)) {
                    exchange.rename(temporary, target);
                }
            }
            case PENDING -> {
                exchange.removeIfExists(temporary);
                exchange.upload(filesDir.resolve(id).resolve(file.name()), temporary);
                store.update(id, s -> s.withFile(file.withDelivery(ProducedFile.Delivery.RENAMING)));
                exchange.rename(temporary, target);
            }
        }
        store.update(id, s -> s.withFile(file.withDelivery(ProducedFile.Delivery.DELIVERED)));
    }

    private void collect(SftpExchange exchange) throws DeliveryException {
        for (String name : exchange.listFiles(settings.inDir())) {
            if (name.endsWith(TEMPORARY_SUFFIX) || name.startsWith(".") || unmatchedReplies.contains(name)) {
                continue;
            }
            String path = settings.inDir() + "/" + name;
            Optional<Reply> reply = Reply.parse(exchange.read(path, MAX_REPLY_BYTES));
            Optional<String> report = reply.flatMap(r -> r.fileHashes().stream()
                    .map(store::reportOfFile).flatMap(Optional::stream).findFirst());
            if (report.isEmpty()) {
                unmatchedReplies.add(name);
                Logger.warn("statistics reply {} in {}: matches no report sent from here; left in place",
                        name, settings.inDir());
                continue;
            }
            Reply r = reply.get();
            store.update(report.get(), s -> s.withAnswer(new LbAnswer(name, clock.instant(), r.accepted(),
                    r.messages())));
            exchange.removeIfExists(path);
            metrics.answer(r.accepted());
            listener.replied(report.get(), name, r.accepted());
            Logger.info("statistics report {}: Latvijas Banka {} it ({})", report.get(),
                    r.accepted() ? "accepted" : "rejected", name);
        }
    }
}

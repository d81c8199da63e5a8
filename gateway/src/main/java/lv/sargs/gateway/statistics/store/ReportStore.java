package lv.sargs.gateway.statistics.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import lv.sargs.gateway.statistics.report.ProducedFile;
import lv.sargs.gateway.statistics.report.ReportState;
import lv.sargs.gateway.statistics.report.ReportStatus;
import lv.sargs.gateway.statistics.report.StatisticsException;
import lv.sargs.gateway.statistics.report.StatisticsJson;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import lv.sargs.gateway.stores.StoreCompaction;

/**
 * The durable state of statistics reports in an MVStore file: each report's status (as JSON), the
 * index from a delivered file's SHA-256 to its report, and the last set version per period. Every
 * change is committed and synced to disk before the method returns.
 */
public final class ReportStore implements AutoCloseable {

    private final MVStore store;
    private final MVMap<String, String> reports;
    private final MVMap<String, String> fileHashes;
    private final MVMap<String, Integer> setVersions;
    private final ObjectMapper json;
    private final StoreCompaction compaction;

    private ReportStore(Path file, MVStore store) {
        this.store = store;
        this.compaction = new StoreCompaction(file, store, true);
        this.reports = store.openMap("reports");
        this.fileHashes = store.openMap("fileHashes");
        this.setVersions = store.openMap("setVersions");
        this.json = StatisticsJson.mapper();
    }

    /** Opens (or creates) the store file {@code file}. */
    public static ReportStore open(Path file) {
        try {
            Files.createDirectories(file.getParent());
            MVStore store = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().open();
            lv.sargs.gateway.stores.OpenStores.register(file, store);
            return new ReportStore(file, store);
        } catch (java.io.IOException | MVStoreException e) {
            throw new StatisticsException(StatisticsException.Code.STORAGE_FAILED,
                    "statistics store " + file + ": cannot open (" + e.getMessage() + ")", e);
        }
    }

    /**
     * The set version the next report of a period ({@code setKey} = {@code aaa_kkk_yyyymmdd}) takes:
     * one above the last one used, and at least {@code atLeast}.
     */
    public int peekSetVersion(String setKey, int atLeast) {
        Integer last = setVersions.get(setKey);
        return Math.max(last == null ? 1 : last + 1, atLeast);
    }

    /** Records that {@code version} of {@code setKey} is used, so the next resubmission goes above it. */
    public synchronized void useSetVersion(String setKey, int version) {
        Integer last = setVersions.get(setKey);
        if (last == null || last < version) {
            setVersions.put(setKey, version);
            durable();
        }
    }

    /** Stores a new or changed report. */
    public synchronized void put(ReportStatus status) {
        reports.put(status.id(), write(status));
        for (ProducedFile f : status.files()) {
            fileHashes.put(f.sha256(), status.id());
        }
        durable();
    }

    /** Applies {@code change} to the stored report {@code id} and stores the result; returns it. */
    public synchronized ReportStatus update(String id, UnaryOperator<ReportStatus> change) {
        ReportStatus current = get(id).orElseThrow(() -> new StatisticsException(
                StatisticsException.Code.STORAGE_FAILED, "report " + id + ": not in the store"));
        ReportStatus next = change.apply(current);
        put(next);
        return next;
    }

    /** The report {@code id}, when known. */
    public Optional<ReportStatus> get(String id) {
        String text = reports.get(id);
        return text == null ? Optional.empty() : Optional.of(read(text));
    }

    /** The report a produced file with this SHA-256 belongs to. */
    public Optional<String> reportOfFile(String sha256) {
        return Optional.ofNullable(fileHashes.get(sha256));
    }

    /** The reports in the given states. */
    public List<ReportStatus> inStates(ReportState... states) {
        List<ReportState> wanted = List.of(states);
        List<ReportStatus> out = new ArrayList<>();
        for (String text : reports.values()) {
            ReportStatus s = read(text);
            if (wanted.contains(s.state())) {
                out.add(s);
            }
        }
        return out;
    }

    @Override
    public synchronized void close() {
        if (!store.isClosed()) {
            lv.sargs.gateway.stores.OpenStores.unregister(store);
            store.close();
        }
    }

    private void durable() {
        try {
            store.commit();
            store.sync();
        } catch (MVStoreException e) {
            throw new StatisticsException(StatisticsException.Code.STORAGE_FAILED,
                    "statistics store: cannot write (" + e.getMessage() + ")", e);
        }
        compaction.afterCommit();
    }

    private String write(ReportStatus status) {
        try {
            return json.writeValueAsString(status);
        } catch (JsonProcessingException e) {
            throw new StatisticsException(StatisticsException.Code.STORAGE_FAILED,
                    "report " + status.id() + ": cannot be serialised", e);
        }
    }

    private ReportStatus read(String text) {
        try {
            return json.readValue(text, ReportStatus.class);
        } catch (JsonProcessingException e) {
            throw new StatisticsException(StatisticsException.Code.STORAGE_FAILED,
                    "statistics store: a report record cannot be read (" + e.getOriginalMessage() + ")", e);
        }
    }
}

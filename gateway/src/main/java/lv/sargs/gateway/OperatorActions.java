package lv.sargs.gateway;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import lv.sargs.gateway.audit.AuditTrail;
import lv.sargs.gateway.audit.AuditVerifier;
import lv.sargs.gateway.management.OperatorDesk;
import lv.sargs.gateway.statistics.StatisticsCapability;
import lv.sargs.hsm.Token;
import lv.sargs.hsm.TokenException;
import lv.sargs.hsm.TokenHealth;
import org.tinylog.Logger;

/**
 * The gateway's side of the operators' console actions: each runs on one daemon thread of its own
 * (they touch the token, files and the statistics courier, never an event loop), and each is
 * written to the operators' own audit trail ({@code audit/operator.jsonl}) with who asked.
 */
final class OperatorActions implements OperatorDesk, AutoCloseable {

    static final String TRAIL = "operator.jsonl";

    private final Token token;
    private final Path auditDirectory;
    private final AuditTrail audit;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(
            new io.netty.util.concurrent.DefaultThreadFactory("sargs-operator-actions", true));
    private volatile List<Capability> capabilities = List.of();

    OperatorActions(Token token, Path auditDirectory, AuditTrail audit) {
        this.token = token;
        this.auditDirectory = auditDirectory;
        this.audit = audit;
    }

    /** The capabilities, once started; the statistics one delivers on request. */
    void capabilities(List<Capability> started) {
        capabilities = List.copyOf(started);
    }

    @Override
    public CompletableFuture<String> deliverStatistics() {
        for (Capability c : capabilities) {
            if (c instanceof StatisticsCapability statistics) {
                return statistics.deliverNow().thenApply(v -> "delivery round finished; see each report's status");
            }
        }
        return CompletableFuture.completedFuture("nothing to do: statistics are not configured on this gateway");
    }

    @Override
    public CompletableFuture<String> probeToken() {
        return CompletableFuture.supplyAsync(() -> {
            try {
                int keys = token.listKeys().size();
                TokenHealth health = token.health();
                return token.name() + " answered: " + keys + " key(s); health " + (health.usable() ? "usable" : "unusable")
                        + " (" + health.reason() + ")";
            } catch (TokenException e) {
                return token.name() + " did not answer: " + e.getMessage() + " [" + e.code() + "]";
            }
        }, worker);
    }

    @Override
    public CompletableFuture<List<Checkpoint>> auditCheckpoints() {
        return CompletableFuture.supplyAsync(() -> {
            List<Checkpoint> out = new ArrayList<>();
            try (DirectoryStream<Path> files = Files.newDirectoryStream(auditDirectory, "*.jsonl")) {
                for (Path f : files) {
                    AuditVerifier.Result r = AuditVerifier.verify(f);
                    out.add(new Checkpoint(f.getFileName().toString(), r.lines(),
                            HexFormat.of().formatHex(r.lastHash()), r.intact()));
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("audit directory " + auditDirectory + ": " + e.getMessage(), e);
            }
            out.sort(java.util.Comparator.comparing(Checkpoint::trail));
            return out;
        }, worker);
    }

    @Override
    public void audit(String by, String action, String target, String outcome) {
        audit.record("operator-action", "by", by, "action", action, "target", target, "outcome", outcome);
        Logger.info("operator {}: {} {}: {}", by, action, target, outcome);
    }

    @Override
    public void close() {
        worker.shutdownNow();
        audit.close();
    }
}

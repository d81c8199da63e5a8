package lv.sargs.gateway;

import lv.sargs.gateway.capability.Capability;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import lv.sargs.gateway.audit.AuditTrail;
import lv.sargs.gateway.audit.AuditEvent;
import lv.sargs.gateway.audit.AuditRecord;
import lv.sargs.gateway.management.OperatorDesk;
import lv.sargs.gateway.statistics.StatisticsCapability;
import lv.sargs.gateway.threads.ThreadPools;
import lv.sargs.hsm.Token;
import lv.sargs.hsm.TokenException;
import lv.sargs.hsm.TokenHealth;
import org.tinylog.Logger;

/**
 * The gateway's side of the operators' console actions: each runs on one daemon thread of its own
 * (they touch the token, files and the statistics courier, never an event loop), and each is
 * recorded in the gateway's one audit trail as an {@code operator-action} with who asked.
 */
final class OperatorActions implements OperatorDesk, AutoCloseable {

    private final Token token;
    private final ExecutorService worker =
            Executors.newSingleThreadExecutor(ThreadPools.threadFactory("operator-actions", true));
    private volatile List<Capability> capabilities = List.of();
    private volatile AuditTrail audit;

    OperatorActions(Token token) {
        this.token = token;
    }

    /** The capabilities, once started; the statistics one delivers on request. */
    void capabilities(List<Capability> started) {
        capabilities = List.copyOf(started);
    }

    /** The audit trail, once open (the management listener, and so the console, may come first). */
    void audit(AuditTrail trail) {
        audit = trail;
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
        AuditTrail trail = audit;
        if (trail == null) {
            return CompletableFuture.completedFuture(List.of());
        }
        boolean intact = trail.failure().isEmpty();
        return CompletableFuture.completedFuture(trail.lastCheckpoint()
                .map(cp -> List.of(new Checkpoint(cp.file() + " (checkpoint #" + cp.number()
                        + (cp.signed() ? ", signed" : ", unsigned") + ")", cp.covers(), cp.hash(), intact)))
                .orElse(List.of()));
    }

    @Override
    public void audit(String by, String action, String target, String outcome) {
        AuditTrail trail = audit;
        boolean recorded = trail != null && trail.record(AuditRecord.of(AuditEvent.OPERATOR_ACTION)
                .withRequest(null, by).withOutcome(outcome).with("action", action).with("target", target));
        if (recorded) {
            Logger.info("operator {}: {} {}: {}", by, action, target, outcome);
        } else {
            Logger.warn("operator {}: {} {}: {} (NOT in the audit trail: it is not open or refuses records)", by,
                    action, target, outcome);
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}

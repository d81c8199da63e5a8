package lv.sargs.gateway.capability;

import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import lv.sargs.gateway.alarm.Alarms;
import lv.sargs.gateway.audit.AuditTrail;
import lv.sargs.gateway.cache.StorageKey;
import lv.sargs.gateway.config.GatewayConfig;
import lv.sargs.gateway.metrics.Metrics;
import lv.sargs.gateway.status.StatusModel;
import lv.sargs.gateway.threads.ThreadPools;
import lv.sargs.gateway.upstream.ServerDateListener;
import lv.sargs.hsm.Token;
import lv.sargs.hsm.TokenException;

/**
 * What a capability is started with: the validated config, the open token (owned by the gateway),
 * the shared event loops, where its threads are made (sized by {@code config.threads()}), the status
 * model, the metrics registry, the locked data directory, the gateway's one audit trail (every
 * capability records into it; none opens its own), the alarms a capability may raise, and where its
 * upstream clients report the upstreams' clocks.
 */
public record CapabilityContext(GatewayConfig config, Token token, Transport transport, ThreadPools threads,
                                StatusModel status, Metrics metrics, Path dataDirectory, AuditTrail audit,
                                Alarms alarms, ServerDateListener serverDates) {

    /**
     * The key of a capability's encrypted store, derived on the token from the RSA key
     * {@code label} for {@code purpose} (see {@link StorageKey}); the caller wipes it.
     *
     * @param setting the config path naming the label, for the message, e.g. {@code lookups.storageKeyLabel}
     * @throws StartupException {@code TOKEN} naming the setting, the label and why
     */
    public char[] storageKey(String setting, String label, String purpose) throws StartupException {
        return storageKey(token, setting, label, purpose);
    }

    /** {@link #storageKey(String, String, String)} on {@code token}, for what opens before the capabilities (the audit trail). */
    public static char[] storageKey(Token token, String setting, String label, String purpose) throws StartupException {
        try {
            return StorageKey.derive(token, label, purpose).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException(StartupException.Code.TOKEN, "interrupted deriving the " + purpose + " key", e);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            String why = cause instanceof TokenException t ? t.getMessage() + " [" + t.code() + "]" : cause.getMessage();
            throw new StartupException(StartupException.Code.TOKEN, setting + ": " + label
                    + " (expected: an RSA key on " + token.name() + "): " + why, cause);
        }
    }
}

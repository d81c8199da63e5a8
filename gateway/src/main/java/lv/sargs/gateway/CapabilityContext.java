package lv.sargs.gateway;

import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import lv.sargs.gateway.audit.AuditTrail;
import lv.sargs.gateway.cache.StorageKey;
import lv.sargs.gateway.config.GatewayConfig;
import lv.sargs.gateway.metrics.Metrics;
import lv.sargs.gateway.status.StatusModel;
import lv.sargs.hsm.Token;
import lv.sargs.hsm.TokenException;

/**
 * What a capability is started with: the validated config, the open token (owned by the gateway),
 * the shared event loops, the status model, the metrics registry, the locked data directory and the
 * gateway's one audit trail (every capability records into it; none opens its own).
 */
public record CapabilityContext(GatewayConfig config, Token token, Transport transport, StatusModel status,
                                Metrics metrics, Path dataDirectory, AuditTrail audit) {

    /**
     * The key of a capability's encrypted store, derived on the token from the RSA key
     * {@code label} for {@code purpose} (see {@link StorageKey}); the caller wipes it.
     *
     * @param setting the config path naming the label, for the message, e.g. {@code lookups.storageKeyLabel}
     * @throws StartupException {@code TOKEN} naming the setting, the label and why
     */
    public char[] storageKey(String setting, String label, String purpose) throws StartupException {
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

package lv.sargs.gateway;

import java.nio.file.Path;
import lv.sargs.gateway.config.GatewayConfig;
import lv.sargs.gateway.metrics.Metrics;
import lv.sargs.gateway.status.StatusModel;
import lv.sargs.hsm.Token;

/**
 * What a capability is started with: the validated config, the open token (owned by the gateway),
 * the shared event loops, the status model, the metrics registry and the locked data directory.
 */
public record CapabilityContext(GatewayConfig config, Token token, Transport transport, StatusModel status,
                                Metrics metrics, Path dataDirectory) {
}

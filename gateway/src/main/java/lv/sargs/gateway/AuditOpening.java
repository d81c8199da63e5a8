package lv.sargs.gateway;

import lv.sargs.gateway.capability.StartupException;
import lv.sargs.gateway.capability.CapabilityContext;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;
import lv.sargs.gateway.audit.AuditSettings;
import lv.sargs.gateway.audit.AuditTrail;
import lv.sargs.gateway.audit.CheckpointSigner;
import lv.sargs.gateway.audit.Pseudonyms;
import lv.sargs.gateway.config.AuditConfig;
import lv.sargs.gateway.config.GatewayConfig;
import lv.sargs.gateway.status.StatusModel;
import lv.sargs.gateway.status.StatusReporter;
import lv.sargs.gateway.status.State;
import lv.sargs.hsm.KeyInfo;
import lv.sargs.hsm.Token;

/**
 * Opens the gateway's one audit trail in {@code <dataDirectory>/audit} before any capability: with
 * the {@code audit} section, checkpoints are signed with {@code audit.keyLabel} and subjects keyed
 * with a pseudonym key derived from it on the token; a trail that fails its check leaves the
 * gateway up with {@code audit} FAILED and every audited request refused.
 */
final class AuditOpening {

    private AuditOpening() {
    }

    static AuditTrail open(GatewayConfig config, Token token, Path dataDirectory, StatusModel status)
            throws StartupException {
        StatusReporter reporter = status.register(AuditTrail.COMPONENT, true, State.FAILED, "opening");
        Path directory = dataDirectory.resolve("audit");
        Optional<AuditConfig> section = config.audit();
        if (section.isEmpty()) {
            return AuditTrail.open(AuditSettings.defaults(directory), Optional.empty(), null, null, Clock.systemUTC(),
                    reporter);
        }
        AuditConfig a = section.get();
        PublicKey key = token.listKeys().stream().filter(k -> k.label().equals(a.keyLabel())).findFirst()
                .map(KeyInfo::publicKey).orElseThrow(() -> new StartupException(StartupException.Code.TOKEN,
                        "audit.keyLabel: " + a.keyLabel() + " (expected: an RSA key with this label on "
                                + token.name() + ")", null));
        char[] hex = CapabilityContext.storageKey(token, "audit.keyLabel", a.keyLabel(), Pseudonyms.PURPOSE);
        try {
            AuditSettings settings = new AuditSettings(directory, a.queueCapacity(), a.checkpointEvery(),
                    a.checkpointInterval(), a.rotateSize(), AuditSettings.defaults(directory).pushBack());
            return AuditTrail.open(settings, Optional.of(CheckpointSigner.onToken(token, a.keyLabel())),
                    new Pseudonyms(hex), key, Clock.systemUTC(), reporter);
        } finally {
            Arrays.fill(hex, '\0');
        }
    }
}

package lv.sargs.provisioning.doctor;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import lv.sargs.gateway.config.GatewayConfig;
import lv.sargs.gateway.config.FprUpstreamConfig;
import lv.sargs.gateway.config.SecretSource;
import lv.sargs.gateway.config.UpstreamEndpoint;
import lv.sargs.gateway.config.VissUpstreamConfig;

/**
 * One upstream as the doctor probes it, read from the config model: where it is, what is trusted
 * for it, the client key and chain, and what its first protocol step needs.
 *
 * @param name {@code viss}, {@code fpr} or {@code ekase}
 * @param configPath where it is configured, for messages, e.g. {@code lookups.viss}
 * @param tokenStep the OAuth token call (viss, fpr), or empty when the upstream has none (ekase)
 * @param login eKase's HTTP Basic user and password for its first exchange, or empty (the registers)
 */
record UpstreamTarget(String name, String configPath, URI baseUri, Path trustedCa, List<String> spkiPins,
                      String keyLabel, Path chain, Optional<TokenStep> tokenStep, Optional<Login> login) {

    /** eKase's user and the source of its password, as the gateway logs in with them. */
    record Login(String user, SecretSource password) {
    }

    /**
     * The token call: client id and secret, and for VISS the client assertion's audience.
     *
     * @param audience empty for a plain client-credentials grant (the population register)
     */
    record TokenStep(String clientId, SecretSource secret, Optional<String> audience) {
    }

    static List<UpstreamTarget> of(GatewayConfig config) {
        List<UpstreamTarget> out = new java.util.ArrayList<>();
        // Every connected register, whatever it is; the token step where the register has one.
        config.lookups().ifPresent(l -> l.connected().forEach((name, register) -> {
            UpstreamEndpoint e = register.endpoint();
            Optional<TokenStep> tokenStep = register instanceof VissUpstreamConfig v
                    ? Optional.of(new TokenStep(v.clientId(), v.clientSecret(), Optional.of(v.audience())))
                    : register instanceof FprUpstreamConfig f
                    ? Optional.of(new TokenStep(f.clientId(), f.clientSecret(), Optional.empty()))
                    : Optional.empty();
            out.add(new UpstreamTarget(name, "lookups." + name, e.baseUri(), e.trustedCa(), e.spkiPins(),
                    e.clientKeyLabel(), e.clientKeyChain(), tokenStep, Optional.empty()));
        }));
        config.treasury().ifPresent(t -> out.add(new UpstreamTarget("ekase", "treasury.ekase", t.ekase().baseUri(),
                t.ekase().trustedCa(), List.of(), t.ekase().clientKeyLabel(), t.ekase().clientKeyChain(),
                Optional.empty(), Optional.of(new Login(t.ekase().user(), t.ekase().password())))));
        return out;
    }

    String host() {
        return baseUri.getHost();
    }

    int port() {
        return baseUri.getPort() > 0 ? baseUri.getPort() : 443;
    }
}

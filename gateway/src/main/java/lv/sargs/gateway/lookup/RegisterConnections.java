package lv.sargs.gateway.lookup;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import lv.sargs.gateway.config.FprUpstreamConfig;
import lv.sargs.gateway.config.LookupsConfig;
import lv.sargs.gateway.config.UpstreamEndpoint;
import lv.sargs.gateway.config.VissUpstreamConfig;
import lv.sargs.gateway.metrics.Metrics;
import lv.sargs.gateway.status.State;
import lv.sargs.gateway.status.StatusModel;
import lv.sargs.gateway.status.StatusReporter;
import lv.sargs.gateway.upstream.BreakerSettings;
import lv.sargs.gateway.upstream.ClientKey;
import lv.sargs.gateway.upstream.PoolSettings;
import lv.sargs.gateway.upstream.RetryPolicy;
import lv.sargs.gateway.upstream.UpstreamClient;
import lv.sargs.gateway.upstream.UpstreamRuntime;
import lv.sargs.gateway.upstream.UpstreamSettings;
import lv.sargs.gateway.upstream.UpstreamState;
import lv.sargs.gateway.upstream.UpstreamTls;
import lv.sargs.gateway.upstream.fpr.FprClient;
import lv.sargs.gateway.upstream.fpr.FprSettings;
import lv.sargs.gateway.upstream.oauth.ClientCredentialsGrant;
import lv.sargs.gateway.upstream.oauth.OAuthSettings;
import lv.sargs.gateway.upstream.viss.VissClient;
import lv.sargs.gateway.upstream.viss.VissSettings;
import lv.sargs.hsm.Token;

/**
 * The connected registers' clients, built from the {@code lookups} config with their client keys on
 * the token, each reporting its state as status component {@code upstream.<name>}; closed together.
 */
final class RegisterConnections implements AutoCloseable {

    private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REFRESH_MARGIN = Duration.ofSeconds(60);

    final Optional<VissClient> viss;
    final Optional<FprClient> fpr;
    private final List<UpstreamClient> clients = new ArrayList<>();
    private final List<OAuthSettings> secrets = new ArrayList<>();

    RegisterConnections(LookupsConfig config, Token token, UpstreamRuntime runtime, StatusModel status, Metrics metrics) {
        try {
            this.viss = config.viss().map(v -> viss(v, token, runtime, status, metrics));
            this.fpr = config.fpr().map(f -> fpr(f, token, runtime, status, metrics));
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private VissClient viss(VissUpstreamConfig c, Token token, UpstreamRuntime runtime, StatusModel status,
                            Metrics metrics) {
        UpstreamClient upstream = client("viss", c.endpoint(), token, runtime, status);
        OAuthSettings oauth = new OAuthSettings(c.clientId(), c.clientSecret().read(), "/token", REFRESH_MARGIN);
        secrets.add(oauth);
        return VissClient.create(upstream, token, new VissSettings(oauth, c.audience(), c.assertionLifetime()), metrics);
    }

    private FprClient fpr(FprUpstreamConfig c, Token token, UpstreamRuntime runtime, StatusModel status,
                          Metrics metrics) {
        UpstreamClient upstream = client("fpr", c.endpoint(), token, runtime, status);
        OAuthSettings oauth = new OAuthSettings(c.clientId(), c.clientSecret().read(), "/token", REFRESH_MARGIN);
        secrets.add(oauth);
        // The DAGR paths are the sandbox's until PMLP confirms theirs (PROTOCOLS.md §2, unconfirmed).
        return FprClient.create(upstream, FprSettings.sandbox(c.permission()),
                ClientCredentialsGrant.create(upstream, oauth, Optional.empty(), metrics));
    }

    private UpstreamClient client(String name, UpstreamEndpoint e, Token token, UpstreamRuntime runtime,
                                  StatusModel status) {
        StatusReporter reporter = status.register("upstream." + name, false, State.OK, "no call yet");
        UpstreamTls tls = new UpstreamTls(UpstreamTls.readCertificates(e.trustedCa()), e.spkiPins(),
                new ClientKey(e.clientKeyLabel(), UpstreamTls.readCertificates(e.clientKeyChain())), HANDSHAKE_TIMEOUT);
        UpstreamSettings settings = new UpstreamSettings(name, e.baseUri(), tls, PoolSettings.defaults(),
                BreakerSettings.defaults(), RetryPolicy.defaults());
        UpstreamClient client = UpstreamClient.create(settings, token, runtime, state -> report(reporter, state));
        clients.add(client);
        return client;
    }

    private static void report(StatusReporter reporter, UpstreamState state) {
        String why = reason(state);
        switch (state.health()) {
            case UP -> reporter.ok(why);
            case DEGRADED -> reporter.degraded(why);
            case DOWN -> reporter.failed(why);
        }
    }

    /** Why the register is in its state: the last error while it fails, never once it answers again. */
    static String reason(UpstreamState state) {
        return state.health() == UpstreamState.Health.UP ? "answering" : state.lastError().orElse("failing");
    }

    /** Closes every connection and wipes the client secrets; never call it on an event loop. */
    @Override
    public void close() {
        clients.forEach(UpstreamClient::close);
        secrets.forEach(OAuthSettings::wipe);
    }
}

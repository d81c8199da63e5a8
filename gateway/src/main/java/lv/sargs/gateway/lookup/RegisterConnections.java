package lv.sargs.gateway.lookup;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lv.sargs.gateway.config.LookupsConfig;
import lv.sargs.gateway.config.SecretSource;
import lv.sargs.gateway.config.UpstreamEndpoint;
import lv.sargs.gateway.metrics.Metrics;
import lv.sargs.gateway.status.State;
import lv.sargs.gateway.status.StatusModel;
import lv.sargs.gateway.status.StatusReporter;
import lv.sargs.gateway.upstream.core.BreakerSettings;
import lv.sargs.gateway.upstream.core.ClientKey;
import lv.sargs.gateway.upstream.core.PoolSettings;
import lv.sargs.gateway.upstream.core.RetryPolicy;
import lv.sargs.gateway.upstream.UpstreamClient;
import lv.sargs.gateway.upstream.UpstreamRuntime;
import lv.sargs.gateway.upstream.core.UpstreamSettings;
import lv.sargs.gateway.upstream.UpstreamState;
import lv.sargs.gateway.upstream.core.UpstreamTls;
import lv.sargs.gateway.upstream.oauth.OAuthSettings;
import lv.sargs.hsm.Token;

/**
 * The configured registers connected, each through its own {@link RegisterContext}: its upstream
 * client with the client key on the token, reporting its state as status component
 * {@code upstream.<name>}; closed together.
 */
final class RegisterConnections implements AutoCloseable {

    private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REFRESH_MARGIN = Duration.ofSeconds(60);

    /** The connected registers by name, in the registers' order. */
    final Map<String, ConnectedRegister> connected = new LinkedHashMap<>();
    private final List<UpstreamClient> clients = new ArrayList<>();
    private final List<OAuthSettings> secrets = new ArrayList<>();

    private final java.util.function.BiConsumer<String, String> keyUsed;

    /** @param keyUsed where each non-TLS signature by a register's key is told (the audit trail) */
    RegisterConnections(List<Register> registers, LookupsConfig config, Token token, UpstreamRuntime runtime,
                        StatusModel status, Metrics metrics, java.util.function.BiConsumer<String, String> keyUsed) {
        this.keyUsed = keyUsed;
        try {
            for (Register register : registers) {
                register.connect(new Context(register.name(), config, token, runtime, status, metrics))
                        .ifPresent(c -> connected.put(register.name(), checked(register, c)));
            }
            for (String name : config.connected().keySet()) {
                if (!connected.containsKey(name)) {
                    throw new IllegalStateException("lookups." + name + ": no register of that name is installed");
                }
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private static ConnectedRegister checked(Register register, ConnectedRegister c) {
        for (StandardSection s : c.parts().keySet()) {
            if (!register.answers().contains(s)) {
                throw new IllegalStateException("register " + register.name() + " connected a part for " + s
                        + " (expected: one of the sections it declares, " + register.answers() + ")");
            }
        }
        return c;
    }

    private final class Context implements RegisterContext {
        private final String name;
        private final LookupsConfig config;
        private final Token token;
        private final UpstreamRuntime runtime;
        private final StatusModel status;
        private final Metrics metrics;

        Context(String name, LookupsConfig config, Token token, UpstreamRuntime runtime, StatusModel status,
                Metrics metrics) {
            this.name = name;
            this.config = config;
            this.token = token;
            this.runtime = runtime;
            this.status = status;
            this.metrics = metrics;
        }

        @Override
        public LookupsConfig config() {
            return config;
        }

        @Override
        public Token token() {
            return token;
        }

        @Override
        public Metrics metrics() {
            return metrics;
        }

        @Override
        public UpstreamClient upstream(UpstreamEndpoint e) {
            StatusReporter reporter = status.register("upstream." + name, false, State.OK, "no call yet");
            UpstreamTls tls = new UpstreamTls(UpstreamTls.readCertificates(e.trustedCa()), e.spkiPins(),
                    new ClientKey(e.clientKeyLabel(), UpstreamTls.readCertificates(e.clientKeyChain())),
                    HANDSHAKE_TIMEOUT);
            UpstreamSettings settings = new UpstreamSettings(name, e.baseUri(), tls,
                    PoolSettings.defaults().withMaxConnections(e.maxConnections()),
                    BreakerSettings.defaults(), RetryPolicy.defaults());
            UpstreamClient client = UpstreamClient.create(settings, token, runtime, state -> report(reporter, state));
            clients.add(client);
            return client;
        }

        @Override
        public OAuthSettings clientCredentials(String clientId, SecretSource secret) {
            OAuthSettings oauth = new OAuthSettings(clientId, secret.read(), "/token", REFRESH_MARGIN);
            secrets.add(oauth);
            return oauth;
        }

        @Override
        public void keyUsed(String keyLabel, String purpose) {
            keyUsed.accept(keyLabel, purpose);
        }

        @Override
        public long feeCents(PartKey key) {
            LookupsConfig.RegisterTerms t = config.registers().get(key.terms());
            if (t == null) {
                throw new IllegalStateException("lookups.registers." + key.terms()
                        + " is missing (the config loader requires it)");
            }
            return t.feeCents();
        }
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

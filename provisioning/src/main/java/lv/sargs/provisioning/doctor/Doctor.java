package lv.sargs.provisioning.doctor;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import lv.sargs.gateway.config.ConfigException;
import lv.sargs.gateway.config.ConfigLoader;
import lv.sargs.gateway.config.GatewayConfig;
import lv.sargs.gateway.config.TokenConfig;
import lv.sargs.hsm.Token;
import lv.sargs.hsm.TokenException;
import lv.sargs.hsm.tokens.Tokens;

/**
 * Runs every doctor check in order — config, token login, keys and certificates, each upstream
 * (DNS, TCP, mutual TLS with the key on the token, pins, first protocol step), clock skew, free
 * disk — and returns one {@link Check} per line. Uses only the config model and hsm-bridge.
 */
public final class Doctor {

    static final long DISK_FAIL_BYTES = 256L << 20;
    static final long DISK_WARN_BYTES = 1L << 30;

    private final Clock clock;
    private final Duration timeout;

    public Doctor(Clock clock, Duration timeout) {
        this.clock = clock;
        this.timeout = timeout;
    }

    public List<Check> run(Path configFile) {
        List<Check> out = new ArrayList<>();
        Stopwatch loading = Stopwatch.start();
        GatewayConfig config = null;
        try {
            config = ConfigLoader.system().load(configFile);
            out.add(Check.ok("config", configFile + " valid, " + config.clients().size() + " client(s)", loading.millis()));
        } catch (ConfigException e) {
            out.add(Check.fail("config", e.getMessage() + "; first: " + e.problems().get(0),
                    "sargs-admin check --config " + configFile + " lists every problem", loading.millis()));
        }
        TokenConfig tokenConfig = config != null ? config.token() : tokenSection(configFile);
        if (!(tokenConfig instanceof TokenConfig.Pkcs11 pkcs11)) {
            out.add(tokenConfig == null ? Check.skip("token", "the token section does not validate")
                    : Check.skip("token", "the demo token (NOT FOR PRODUCTION) has nothing to check"));
            return out;
        }
        Stopwatch login = Stopwatch.start();
        try (Token token = Tokens.open(pkcs11.settings())) {
            out.add(Check.ok("token", token.name() + ": logged in, " + token.health().reason(), login.millis()));
            if (config == null) {
                out.add(Check.skip("keys and upstreams", "the config does not validate"));
                return out;
            }
            Map<String, List<X509Certificate>> chains = new HashMap<>();
            out.addAll(new KeyChecks(clock).check(token, config, chains));
            ClockSkew skew = new ClockSkew(clock);
            UpstreamProbe probe = new UpstreamProbe(token, timeout);
            for (UpstreamTarget u : UpstreamTarget.of(config)) {
                List<X509Certificate> chain = chains.get(u.keyLabel());
                if (chain == null) {
                    out.add(Check.skip(u.name(), "the client key '" + u.keyLabel() + "' failed its check above"));
                } else {
                    out.addAll(probe.probe(u, chain, skew));
                }
            }
            out.add(skew.check());
        } catch (TokenException e) {
            out.add(Check.fail("token", e.getMessage(), "check token.pkcs11 (library, tokenLabel/tokenSerial), the PIN"
                    + " file and that the HSM or card is reachable (pkcs11-tool --module … --list-slots)", login.millis()));
            return out;
        }
        out.add(disk(config.dataDirectory()));
        return out;
    }

    private static TokenConfig tokenSection(Path configFile) {
        try {
            return ConfigLoader.system().loadToken(configFile);
        } catch (ConfigException e) {
            return null;
        }
    }

    private static Check disk(Path dataDirectory) {
        try {
            FileStore store = Files.getFileStore(dataDirectory);
            long free = store.getUsableSpace();
            long total = store.getTotalSpace();
            String detail = dataDirectory + ": " + (free >> 20) + " MiB free of " + (total >> 20) + " MiB";
            if (free < DISK_FAIL_BYTES) {
                return Check.fail("disk", detail, "free space: old logs (journalctl --vacuum-size=…), old backups", 0);
            }
            if (free < DISK_WARN_BYTES || free < total / 10) {
                return Check.warn("disk", detail, "free space soon: the stores grow with the cache and payments", 0);
            }
            return Check.ok("disk", detail, 0);
        } catch (IOException e) {
            return Check.fail("disk", dataDirectory + ": " + e.getClass().getSimpleName(), "check dataDirectory exists", 0);
        }
    }
}

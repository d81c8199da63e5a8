package lv.sargs.gateway;

import lv.sargs.gateway.capability.StartupException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import lv.sargs.gateway.config.ConfigException;
import lv.sargs.gateway.config.ConfigLoader;
import lv.sargs.gateway.config.ConfigProblem;
import lv.sargs.gateway.config.GatewayConfig;
import lv.sargs.gateway.config.TokenConfig;
import lv.sargs.gateway.threads.ThreadPools;
import lv.sargs.hsm.Token;
import org.tinylog.Logger;
import org.tinylog.provider.ProviderRegistry;

/**
 * The daemon's entry point: {@code sargs-gateway --config /etc/sargs/sargs.yaml}. Exit codes:
 * 0 stopped cleanly (also after SIGTERM), 2 invalid config (every problem on stderr, nothing
 * bound), 3 token, 4 data directory, 5 listener, 64 usage.
 */
public final class Main {

    public static final int EXIT_OK = 0;
    public static final int EXIT_CONFIG = 2;
    public static final int EXIT_USAGE = 64;

    static final String USAGE = "usage: sargs-gateway --config <path to sargs.yaml>";

    /** The status the JVM ends with once the shutdown hook has stopped the gateway. */
    private static final AtomicInteger EXIT_STATUS = new AtomicInteger(EXIT_OK);

    private Main() {
    }

    public static void main(String[] args) {
        keepLoggingUntilStopped();
        int code = run(args, Main::openDaemonToken, ClientListenerWiring::start, System.err);
        if (code != EXIT_OK) {
            exit(code);
        }
        // Started: the event loop threads keep the JVM alive until SIGTERM runs the shutdown hook.
    }

    /**
     * Loads the config, opens the token and starts the gateway with a shutdown hook that stops it
     * gracefully; returns {@link #EXIT_OK} once started, or the exit code of what went wrong with
     * the explanation written to {@code err}.
     */
    public static int run(String[] args, TokenOpener tokens, ClientService.Starter clients, PrintStream err) {
        if (args.length != 2 || !args[0].equals("--config")) {
            err.println(args.length == 1 && (args[0].equals("--help") || args[0].equals("-h")) ? USAGE
                    : "sargs-gateway: the config file must be named explicitly\n" + USAGE);
            return EXIT_USAGE;
        }
        StartPhases phases = new StartPhases();
        Path file = Path.of(args[1]).toAbsolutePath();
        if (!Files.isRegularFile(file)) {
            err.println("sargs-gateway: --config " + file + ": no such file");
            return EXIT_CONFIG;
        }
        GatewayConfig config;
        try {
            config = ConfigLoader.system().load(file);
        } catch (ConfigException e) {
            err.println("sargs-gateway: " + e.getMessage() + "; nothing was started:");
            for (ConfigProblem p : e.problems()) {
                err.println("  " + p);
            }
            return EXIT_CONFIG;
        }
        Logger.info("config {} loaded: {} client(s) declared", file, config.clients().size());
        phases.done("config loaded");
        // What the listeners need next loads beside the token's opening, not after it.
        StartWarmUp.begin(config);
        ReloadSignal signal = ReloadSignal.install();
        try {
            Token token = tokens.open(config.token());
            Logger.info("{} opened", token.name());
            phases.done("token opened");
            Gateway gateway = Gateway.start(config, file.toString(), token, clients);
            Runtime.getRuntime().addShutdownHook(ThreadPools.threadFactory("shutdown", false).newThread(() -> stopOnSignal(gateway)));
            signal.serve(gateway);
            return EXIT_OK;
        } catch (StartupException e) {
            Logger.error("start-up failed [{}]: {}", e.code(), e.getMessage());
            err.println("sargs-gateway: start-up failed: " + e.getMessage());
            return e.code().exitCode();
        }
    }

    /**
     * The daemon's token: the configured PKCS#11 token. The in-memory demo token is refused: its keys
     * live in the process's memory, and only the sandbox's demo launcher may use it.
     *
     * @throws StartupException {@code CONFIG} (exit code 2) for {@code token: demo: true}
     */
    static Token openDaemonToken(TokenConfig config) throws StartupException {
        if (config instanceof TokenConfig.Demo) {
            throw new StartupException(StartupException.Code.CONFIG, "token.demo: true (expected: a pkcs11 token;"
                    + " the demo token keeps its keys in memory and is only for the sandbox's demo launcher)", null);
        }
        return Gateway.openToken(config);
    }

    /** Opens the configured token; {@link #openDaemonToken} in production. */
    @FunctionalInterface
    public interface TokenOpener {
        Token open(TokenConfig config) throws StartupException;
    }

    /**
     * tinylog's own shutdown hook would close the writers while the gateway is still logging its
     * stop; {@link #stopOnSignal} shuts logging down last instead. Call before the first log line.
     */
    public static void keepLoggingUntilStopped() {
        System.setProperty("tinylog.autoshutdown", "false");
    }

    /** Ends the process with {@code code}; the shutdown hook keeps it. */
    static void exit(int code) {
        EXIT_STATUS.set(code);
        System.exit(code);
    }

    private static void stopOnSignal(Gateway gateway) {
        gateway.stop();
        try {
            ProviderRegistry.getLoggingProvider().shutdown();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // SIGTERM would end the JVM with 143; an orderly stop is a success for systemd and scripts.
        Runtime.getRuntime().halt(EXIT_STATUS.get());
    }
}

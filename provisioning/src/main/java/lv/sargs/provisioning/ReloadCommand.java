package lv.sargs.provisioning;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import lv.sargs.gateway.config.GatewayConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sargs-admin reload}: asks the running gateway (its management listener, as an operator:
 * {@link ManagementOptions}) to reload the config and its drop-ins, and prints what it did; exit 2
 * when it refused the config, 1 when it refused the caller.
 */
@Command(name = "reload", mixinStandardHelpOptions = true,
        description = "Have the running gateway reload its config and drop-ins (POST /v1/config/reload).")
final class ReloadCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--config", required = true, description = "The gateway config file, e.g. /etc/sargs/sargs.yaml.")
    Path config;

    @Mixin
    ManagementOptions management;

    @Override
    public Integer call() {
        GatewayConfig current = new DropInFiles(config).load(spec.commandLine().getErr());
        ManagementCall.Answer answer = management.call(current, Duration.ofSeconds(60)).post("/v1/config/reload");
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (answer.status() == 200) {
            out.println(answer.body().path("message").asText());
            out.flush();
            return 0;
        }
        if (answer.status() == 403) {
            throw new AdminException(1, "reload refused: " + answer.detail() + " (expected: an operator; over TLS a"
                    + " client certificate of a declared client with role operator)");
        }
        err.println("reload refused: " + answer.detail());
        answer.body().path("problems").forEach(p -> err.println("  " + p.asText()));
        err.flush();
        return SargsAdmin.CONFIG_INVALID;
    }
}

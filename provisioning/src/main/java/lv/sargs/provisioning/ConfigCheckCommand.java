package lv.sargs.provisioning;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import lv.sargs.gateway.config.ConfigException;
import lv.sargs.gateway.config.ConfigLoader;
import lv.sargs.gateway.config.ConfigProblem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code sargs-admin check}: validates a config file exactly as the daemon would, without starting anything. */
@Command(name = "check", description = "Validate the config file as the gateway would; list every problem.")
final class ConfigCheckCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--config", required = true, description = "The config file, e.g. /etc/sargs/sargs.yaml.")
    Path config;

    @Override
    public Integer call() {
        try {
            ConfigLoader.system().load(config);
            spec.commandLine().getOut().println(config + ": valid");
            return 0;
        } catch (ConfigException e) {
            spec.commandLine().getErr().println(config + ": " + e.problems().size() + " problem(s)");
            for (ConfigProblem p : e.problems()) {
                spec.commandLine().getErr().println("  " + p);
            }
            return SargsAdmin.CONFIG_INVALID;
        }
    }
}

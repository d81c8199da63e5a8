package lv.sargs.provisioning;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import lv.sargs.provisioning.doctor.Check;
import lv.sargs.provisioning.doctor.Doctor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sargs-admin doctor}: why an upstream does not answer, found quickly — one line per check
 * with what to do when it fails; exit 1 on any failure; {@code --json} for monitoring.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = "Check config, token, keys, each upstream (DNS, TCP, mTLS, pins, token call), clock and disk.")
final class DoctorCommand implements Callable<Integer> {

    /** Exit code when any check failed. */
    static final int FAILED = 1;

    @Spec
    CommandSpec spec;

    @Option(names = "--config", required = true, description = "The gateway config file, e.g. /etc/sargs/sargs.yaml.")
    Path config;

    @Option(names = "--json", description = "One JSON document: {\"ok\":…,\"checks\":[…]}.")
    boolean json;

    @Option(names = "--timeout", defaultValue = "5", description = "Seconds each network step may take (default 5).")
    int timeoutSeconds;

    @Override
    public Integer call() throws JsonProcessingException {
        List<Check> checks = new Doctor(Clock.systemUTC(), Duration.ofSeconds(timeoutSeconds)).run(config);
        boolean ok = checks.stream().noneMatch(c -> c.status() == Check.Status.FAIL);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new ObjectMapper().writeValueAsString(new Report(ok, checks)));
        } else {
            for (Check c : checks) {
                out.printf("%-4s %-22s %s%s%s%n", c.status(), c.name(), c.detail(),
                        c.millis() > 0 ? " [" + c.millis() + " ms]" : "",
                        c.fix().isEmpty() ? "" : "\n     fix: " + c.fix());
            }
            out.println(ok ? "doctor: every check passed" : "doctor: "
                    + checks.stream().filter(c -> c.status() == Check.Status.FAIL).count() + " check(s) failed");
        }
        out.flush();
        return ok ? 0 : FAILED;
    }

    /** The {@code --json} document. */
    record Report(boolean ok, List<Check> checks) {
    }
}

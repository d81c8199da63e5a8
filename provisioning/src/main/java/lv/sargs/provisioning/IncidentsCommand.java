package lv.sargs.provisioning;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import lv.sargs.gateway.risk.RiskExport;
import lv.sargs.gateway.risk.RiskLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sargs-admin incidents …}: the DORA incidents and FKTK No. 125 risk events of the gateway's
 * register (docs/risk.md), read from {@code dataDirectory/risk} — also while the gateway runs.
 */
@Command(name = "incidents", description = "Export ICT incidents, operational-risk events and period summaries.",
        mixinStandardHelpOptions = true)
final class IncidentsCommand {

    /** What to export. */
    enum What { incidents, events }

    /** In which form. */
    enum Format { json, csv }

    @Spec
    CommandSpec spec;

    @Command(name = "export", description = "Write incidents (or risk events) as JSON or CSV.")
    int export(@Option(names = "--data", required = true, description = "The gateway's dataDirectory, e.g."
                       + " /var/lib/sargs.") Path data,
               @Option(names = "--format", defaultValue = "json", description = "json or csv (default: ${DEFAULT-VALUE})")
               Format format,
               @Option(names = "--what", defaultValue = "incidents", description = "incidents or events (default:"
                       + " ${DEFAULT-VALUE})") What what,
               @Option(names = "--out", description = "A file to write; standard output without.") Path out) {
        RiskLog log = read(data);
        Instant now = Instant.now();
        String text = switch (what) {
            case incidents -> format == Format.csv ? RiskExport.incidentsCsv(log.incidents(), now)
                    : RiskExport.incidentsJson(log.incidents(), now);
            case events -> format == Format.csv ? RiskExport.eventsCsv(log.events())
                    : RiskExport.eventsJson(log.events());
        };
        write(text, out);
        return 0;
    }

    @Command(name = "summary", description = "A month's (2026-12) or a quarter's (2026-Q4) summary as JSON:"
            + " risk events per type, incidents, downtime and availability per service.")
    int summary(@Option(names = "--data", required = true, description = "The gateway's dataDirectory.") Path data,
                @Option(names = "--period", required = true, description = "e.g. 2026-12 or 2026-Q4") String period,
                @Option(names = "--out", description = "A file to write; standard output without.") Path out) {
        try {
            write(RiskExport.summaryJson(read(data), period), out);
            return 0;
        } catch (IllegalArgumentException e) {
            throw new AdminException(SargsAdmin.USAGE, "--" + e.getMessage());
        }
    }

    private static RiskLog read(Path data) {
        Path directory = data.resolve("risk");
        if (!Files.isDirectory(directory)) {
            throw new AdminException(SargsAdmin.USAGE, "--data: " + data + " (expected: the gateway's dataDirectory,"
                    + " holding risk/" + RiskLog.FILE + ")");
        }
        try {
            return RiskLog.read(directory);
        } catch (IOException e) {
            throw new AdminException(1, directory.resolve(RiskLog.FILE) + ": cannot be read: " + e.getMessage());
        }
    }

    private void write(String text, Path out) {
        if (out == null) {
            PrintWriter w = spec.commandLine().getOut();
            w.print(text);
            w.flush();
            return;
        }
        try {
            Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
            Files.writeString(tmp, text);
            Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new AdminException(1, "--out: " + out + ": cannot be written: " + e.getMessage());
        }
    }
}

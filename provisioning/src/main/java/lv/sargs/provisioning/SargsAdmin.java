package lv.sargs.provisioning;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code sargs-admin}: the network admin's tool for first boot and upkeep — init, config check,
 * keys and certificates on the token, clients and allow-lists as drop-ins, reload, doctor, backup
 * and restore. Exit codes: 0 done, 1 failed (doctor: a check failed), 2 config invalid or a change,
 * reload or restore refused, 3 token refused the operation, 64 usage.
 */
@Command(name = "sargs-admin", mixinStandardHelpOptions = true, version = "sargs-admin 0.1",
        description = "Admin tool of the Sargs gateway: first boot, config check, keys and certificates on the"
                + " token, clients and allow-lists, reload, backup and restore, doctor, the audit trail and"
                + " the risk register.",
        subcommands = {ConfigCheckCommand.class, KeysCommand.class,
                InitCommand.class,
                ClientsCommand.class,
                AllowListCommand.class,
                DoctorCommand.class,
                BackupCommand.class,
                RestoreCommand.class,
                ReloadCommand.class,
                AuditCommand.class,
                IncidentsCommand.class,
        })
public final class SargsAdmin {

    /** Exit code for an invalid configuration (the same as the daemon's). */
    static final int CONFIG_INVALID = 2;
    /** Exit code when the token refused or failed an operation. */
    static final int TOKEN_FAILED = 3;
    /** Exit code for a command line that does not parse. */
    static final int USAGE = 64;

    /** Runs the tool and exits with its code. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the tool on the process's standard streams and returns its exit code. */
    public static int run(String... args) {
        return run(new java.io.PrintWriter(System.out, true), new java.io.PrintWriter(System.err, true), args);
    }

    /** Runs the tool writing to {@code out} and {@code err}; returns its exit code. */
    public static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new SargsAdmin());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExitCodeExceptionMapper(e -> e instanceof AdminException a ? a.exitCode() : 1);
        cli.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            commandLine.getErr().println("sargs-admin: " + e.getMessage());
            return e instanceof AdminException a ? a.exitCode() : 1;
        });
        cli.setParameterExceptionHandler((e, args2) -> {
            e.getCommandLine().getErr().println("sargs-admin: " + e.getMessage());
            e.getCommandLine().usage(e.getCommandLine().getErr());
            return USAGE;
        });
        return cli.execute(args);
    }
}

package lv.sargs.provisioning;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import lv.sargs.hsm.Token;
import lv.sargs.hsm.TokenException;
import lv.sargs.provisioning.backup.BackupException;
import lv.sargs.provisioning.backup.BackupRestorer;
import lv.sargs.provisioning.backup.Manifest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sargs-admin restore FILE}: verifies a backup first (signature with the key on this token,
 * the storage keys, every hash), and only then writes it into a fresh data directory and a config
 * directory without a config; a refused backup writes nothing.
 */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = "Verify a backup against this token, then restore it into a fresh data directory.")
final class RestoreCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The archive sargs-admin backup wrote.")
    Path archive;

    @Option(names = "--token-config", required = true,
            description = "A config whose token section names the token to verify with (e.g. the new box's).")
    Path tokenConfig;

    @Option(names = "--data-directory", required = true, description = "Where the stores go; empty or absent.")
    Path dataDirectory;

    @Option(names = "--config-directory", required = true,
            description = "Where sargs.yaml and clients.d/ go; must not hold a sargs.yaml.")
    Path configDirectory;

    @Override
    public Integer call() {
        try (Token token = TokenSession.open(tokenConfig)) {
            Manifest manifest = new BackupRestorer(token).restore(archive, dataDirectory, configDirectory);
            spec.commandLine().getOut().println("verified and restored " + manifest.files().size() + " file(s) of the"
                    + " backup made " + manifest.created() + " on " + manifest.token() + " into " + dataDirectory
                    + " and " + configDirectory);
            spec.commandLine().getOut().flush();
            return 0;
        } catch (BackupException e) {
            throw new AdminException(SargsAdmin.CONFIG_INVALID, e.getMessage() + "; nothing was written");
        } catch (TokenException e) {
            throw new AdminException(SargsAdmin.TOKEN_FAILED, e.getMessage());
        }
    }
}

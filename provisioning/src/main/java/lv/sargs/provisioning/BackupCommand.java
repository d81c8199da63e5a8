package lv.sargs.provisioning;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import lv.sargs.gateway.config.ConfigLoader;
import lv.sargs.gateway.config.GatewayConfig;
import lv.sargs.hsm.KeyInfo;
import lv.sargs.hsm.KeySpec;
import lv.sargs.hsm.SignatureAlgorithm;
import lv.sargs.hsm.Token;
import lv.sargs.hsm.TokenException;
import lv.sargs.provisioning.backup.BackupException;
import lv.sargs.provisioning.backup.BackupRestorer;
import lv.sargs.provisioning.backup.BackupWriter;
import lv.sargs.provisioning.backup.Manifest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sargs-admin backup}: the data directory (stores, audit trail), the config and its drop-ins
 * in one archive with a manifest of SHA-256 hashes signed on the token. With the gateway stopped,
 * the files are read under its data directory lock; while it runs (it holds the lock), the gateway
 * makes a consistent snapshot ({@code POST /v1/backup/snapshot}, as an operator:
 * {@link ManagementOptions}) which is packed, signed and then deleted.
 */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = "Write the stores, audit trail, config and drop-ins to one signed archive (the gateway running"
                + " or stopped).")
final class BackupCommand implements java.util.concurrent.Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--config", required = true, description = "The gateway config file, e.g. /etc/sargs/sargs.yaml.")
    Path config;

    @Option(names = "--out", required = true, description = "The archive to write; never overwritten.")
    Path out;

    @Mixin
    ManagementOptions management;

    @Override
    public Integer call() {
        if (Files.exists(out)) {
            throw new AdminException(1, "--out " + out + ": exists (expected: a new file; a backup never overwrites one)");
        }
        GatewayConfig current = new DropInFiles(config).load(spec.commandLine().getErr());
        try (Token token = TokenSession.open(config)) {
            Map<String, String> storageKeys = new LinkedHashMap<>();
            current.lookups().ifPresent(l -> storageKeys.put(l.storageKeyLabel(), null));
            current.treasury().ifPresent(t -> storageKeys.put(t.storageKeyLabel(), null));
            String signer = storageKeys.isEmpty() ? current.clientListener().tls().keyLabel()
                    : storageKeys.keySet().iterator().next();
            KeySpec signerSpec = null;
            for (KeyInfo k : token.listKeys()) {
                if (storageKeys.containsKey(k.label())) {
                    storageKeys.put(k.label(), BackupRestorer.fingerprint(k.publicKey()));
                }
                if (k.label().equals(signer)) {
                    signerSpec = k.spec();
                }
            }
            storageKeys.values().removeIf(java.util.Objects::isNull);
            if (signerSpec == null) {
                throw new AdminException(SargsAdmin.TOKEN_FAILED, "no key '" + signer + "' on " + token.name()
                        + " to sign the backup with (expected: the key the config names)");
            }
            SignatureAlgorithm algorithm = signerSpec.algorithm().equals("RSA") ? SignatureAlgorithm.SHA256_WITH_RSA
                    : signerSpec == KeySpec.EC_P384 ? SignatureAlgorithm.SHA384_WITH_ECDSA : SignatureAlgorithm.SHA256_WITH_ECDSA;
            Path tmp = Files.createTempFile(out.toAbsolutePath().getParent(), "." + out.getFileName(), ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Manifest manifest;
            String how;
            try (OutputStream stream = Files.newOutputStream(tmp)) {
                if (BackupWriter.gatewayRunning(current.dataDirectory())) {
                    Snapshot snapshot = snapshot(current);
                    try {
                        manifest = new BackupWriter(token).writeSnapshot(snapshot.directory(), config, dropIns(), signer,
                                algorithm, storageKeys, stream);
                    } finally {
                        deleteTree(snapshot.directory());
                    }
                    how = "snapshot of the running gateway at " + snapshot.at() + ", audit trail up to record "
                            + snapshot.auditRecords();
                } else {
                    manifest = new BackupWriter(token).write(current.dataDirectory(), config, dropIns(), signer,
                            algorithm, storageKeys, stream);
                    how = "gateway stopped";
                }
            } catch (BackupException | IOException | RuntimeException e) {
                Files.deleteIfExists(tmp);
                throw e;
            }
            Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE);
            spec.commandLine().getOut().println("wrote " + out + ": " + manifest.files().size() + " file(s), manifest"
                    + " signed with '" + signer + "' on " + token.name() + " (" + how + ")");
            spec.commandLine().getOut().flush();
            return 0;
        } catch (BackupException e) {
            throw new AdminException(1, e.getMessage());
        } catch (TokenException e) {
            throw new AdminException(SargsAdmin.TOKEN_FAILED, e.getMessage());
        } catch (IOException e) {
            throw new AdminException(1, "--out " + out + ": cannot write (" + e.getMessage() + ")");
        }
    }

    /** Where the running gateway put its snapshot, when it began, and the last audit record in it. */
    private record Snapshot(Path directory, String at, long auditRecords) {
    }

    /**
     * Has the running gateway snapshot its data directory and checks the copy is what it said: inside
     * the data directory's staging directory, every file listed with its size, nothing else.
     */
    private Snapshot snapshot(GatewayConfig current) throws BackupException, IOException {
        ManagementCall.Answer answer = management.call(current, java.time.Duration.ofMinutes(30))
                .post("/v1/backup/snapshot");
        if (answer.status() != 200) {
            throw new AdminException(1, "the running gateway made no snapshot: " + answer.detail()
                    + (answer.status() == 403 ? " (expected: an operator; over TLS a client certificate of a declared"
                    + " client with role operator)" : ""));
        }
        Path staging = current.dataDirectory().toAbsolutePath().normalize().resolve(BackupWriter.SNAPSHOTS);
        Path directory = Path.of(answer.body().path("directory").asText()).toAbsolutePath().normalize();
        if (!directory.startsWith(staging) || directory.equals(staging)) {
            throw new BackupException("the gateway put its snapshot in " + directory + " (expected: inside " + staging
                    + "; is --management-url this box's gateway?)");
        }
        Map<String, Long> listed = new java.util.TreeMap<>();
        answer.body().path("files").forEach(f -> listed.put(f.path("path").asText(), f.path("size").asLong()));
        Map<String, Long> found = new java.util.TreeMap<>();
        try (Stream<Path> walk = Files.walk(directory)) {
            for (Path f : walk.filter(Files::isRegularFile).toList()) {
                found.put(directory.relativize(f).toString().replace('\\', '/'), Files.size(f));
            }
        }
        if (!listed.equals(found)) {
            deleteTree(directory);
            throw new BackupException("the snapshot in " + directory + " holds " + found + " (expected: " + listed
                    + " as the gateway listed it)");
        }
        return new Snapshot(directory, answer.body().path("at").asText(), answer.body().path("auditRecords").asLong());
    }

    private static void deleteTree(Path directory) {
        try (Stream<Path> walk = Files.walk(directory)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // The gateway deletes snapshots left behind for over an hour at its next snapshot.
        }
    }

    private List<Path> dropIns() throws IOException {
        Path dir = config.toAbsolutePath().resolveSibling(ConfigLoader.DROP_INS);
        List<Path> out = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(p -> p.getFileName().toString().endsWith(".yaml") && !p.getFileName().toString().startsWith("."))
                        .sorted().forEach(out::add);
            }
        }
        return out;
    }
}

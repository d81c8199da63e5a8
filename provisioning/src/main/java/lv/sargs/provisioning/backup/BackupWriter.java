package lv.sargs.provisioning.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import lv.sargs.hsm.SignatureAlgorithm;
import lv.sargs.hsm.Token;

/**
 * Writes a backup archive: the data directory (under the gateway's own lock, so no gateway writes
 * it meanwhile) or the snapshot a running gateway made of it, the config and its drop-ins, and a
 * manifest of SHA-256 hashes signed on the token. Files are streamed, never held in memory.
 */
public final class BackupWriter {

    /** The gateway's lock file in the data directory; held while the files are read. */
    public static final String LOCK_FILE = "sargs.lock";
    /** Where a running gateway stages its snapshots inside the data directory (the gateway's DataSnapshot.STAGING). */
    public static final String SNAPSHOTS = ".snapshots";

    private final Token token;

    public BackupWriter(Token token) {
        this.token = token;
    }

    /** Whether a gateway holds {@code dataDirectory}'s lock now (in this process or another). */
    public static boolean gatewayRunning(Path dataDirectory) throws BackupException {
        Path lockFile = dataDirectory.resolve(LOCK_FILE);
        if (!Files.exists(lockFile)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
             FileLock lock = channel.tryLock()) {
            return lock == null;
        } catch (java.nio.channels.OverlappingFileLockException e) {
            return true;
        } catch (IOException e) {
            throw new BackupException(lockFile + ": cannot be checked (" + e.getMessage() + ")");
        }
    }

    /**
     * Writes the archive of a snapshot the running gateway made in {@code snapshot} (no lock: the
     * gateway wrote the copy and no longer touches it) to {@code out}.
     *
     * @throws BackupException naming what could not be read or signed
     */
    public Manifest writeSnapshot(Path snapshot, Path config, List<Path> dropIns, String signerLabel,
                                  SignatureAlgorithm algorithm, Map<String, String> storageKeys, OutputStream out)
            throws BackupException {
        try {
            return pack(snapshot, config, dropIns, signerLabel, algorithm, storageKeys, out);
        } catch (IOException e) {
            throw new BackupException("cannot read the snapshot " + snapshot + " or write the archive ("
                    + e.getMessage() + ")");
        }
    }

    /**
     * Writes the archive to {@code out} (the caller renames it into place).
     *
     * @param storageKeys label to public-key fingerprint of the keys the stores are encrypted with
     * @throws BackupException naming what could not be read, locked or signed
     */
    public Manifest write(Path dataDirectory, Path config, List<Path> dropIns, String signerLabel,
                          SignatureAlgorithm algorithm, Map<String, String> storageKeys, OutputStream out)
            throws BackupException {
        try (FileChannel lockChannel = FileChannel.open(dataDirectory.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = lockChannel.tryLock()) {
            if (lock == null) {
                throw new BackupException(dataDirectory + " is locked: the gateway is running (expected: stop it"
                        + " first, systemctl stop sargs; the stores are copied only while nothing writes them)");
            }
            return pack(dataDirectory, config, dropIns, signerLabel, algorithm, storageKeys, out);
        } catch (java.nio.channels.OverlappingFileLockException e) {
            throw new BackupException(dataDirectory + " is locked: the gateway is running (expected: stop it first,"
                    + " systemctl stop sargs)");
        } catch (IOException e) {
            throw new BackupException("cannot read " + dataDirectory + " or write the archive (" + e.getMessage() + ")");
        }
    }

    /** The data files under {@code root} (lock and snapshot staging left out), the config, drop-ins, signed manifest. */
    private Manifest pack(Path root, Path config, List<Path> dropIns, String signerLabel, SignatureAlgorithm algorithm,
                          Map<String, String> storageKeys, OutputStream out) throws IOException, BackupException {
        try {
            ZipOutputStream zip = new ZipOutputStream(out);
            List<Manifest.Entry> entries = new ArrayList<>();
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path f : walk.filter(Files::isRegularFile).sorted().toList()) {
                    Path rel = root.relativize(f);
                    if (!rel.toString().equals(LOCK_FILE) && !rel.startsWith(SNAPSHOTS)) {
                        entries.add(add(zip, Manifest.DATA + rel.toString().replace('\\', '/'), f));
                    }
                }
            }
            entries.add(add(zip, Manifest.CONFIG + config.getFileName(), config));
            for (Path d : dropIns) {
                entries.add(add(zip, Manifest.CONFIG + "clients.d/" + d.getFileName(), d));
            }
            Manifest manifest = new Manifest(Manifest.FORMAT, Instant.now().toString(), token.name(), signerLabel,
                    algorithm.name(), storageKeys, entries);
            byte[] json = manifest.toJson();
            byte[] signature = token.sign(signerLabel, algorithm, json).get(60, TimeUnit.SECONDS);
            zip.putNextEntry(new ZipEntry(Manifest.NAME));
            zip.write(json);
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry(Manifest.SIGNATURE));
            zip.write(signature);
            zip.closeEntry();
            zip.finish();
            return manifest;
        } catch (ExecutionException | TimeoutException e) {
            throw new BackupException("the token did not sign the manifest with '" + signerLabel + "' ("
                    + (e.getCause() == null ? e : e.getCause()).getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackupException("interrupted");
        }
    }

    private static Manifest.Entry add(ZipOutputStream zip, String name, Path file) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        MessageDigest digest = sha256();
        long size;
        try (InputStream in = Files.newInputStream(file)) {
            DigestOutputStream d = new DigestOutputStream(new NonClosing(zip), digest);
            size = in.transferTo(d);
        }
        zip.closeEntry();
        return new Manifest.Entry(name, HexFormat.of().formatHex(digest.digest()), size);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Lets a digest stream write into the archive without closing it. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() {
            // The archive stays open for the next entry.
        }
    }
}

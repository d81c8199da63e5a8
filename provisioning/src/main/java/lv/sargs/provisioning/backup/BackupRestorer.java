package lv.sargs.provisioning.backup;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import lv.sargs.hsm.KeyInfo;
import lv.sargs.hsm.SignatureAlgorithm;
import lv.sargs.hsm.Token;

/**
 * Restores a backup archive into a fresh data directory (and config directory): everything is
 * unpacked beside the target and checked first — the manifest's signature with the key on this
 * token, the storage keys the stores need, every file's SHA-256, nothing extra and nothing missing —
 * then the config is pointed at the new data directory ({@link DataDirectoryRewrite}), and only then
 * is everything moved into place. A refused archive leaves nothing behind.
 */
public final class BackupRestorer {

    private final Token token;

    public BackupRestorer(Token token) {
        this.token = token;
    }

    /** Restores {@code archive}; {@code dataDirectory} must be empty or absent, {@code configDirectory} without a config. */
    public Manifest restore(Path archive, Path dataDirectory, Path configDirectory) throws BackupException {
        requireFresh(dataDirectory, configDirectory);
        Path staging;
        try {
            Files.createDirectories(dataDirectory.toAbsolutePath().getParent());
            staging = Files.createTempDirectory(dataDirectory.toAbsolutePath().getParent(), ".sargs-restore-");
        } catch (IOException e) {
            throw new BackupException(dataDirectory.getParent() + ": cannot stage the restore (" + e.getMessage() + ")");
        }
        try {
            Manifest manifest = unpackAndVerify(archive, staging);
            pointAt(staging.resolve("config"), dataDirectory);
            moveInto(staging.resolve("data"), dataDirectory);
            moveInto(staging.resolve("config"), configDirectory);
            return manifest;
        } catch (IOException e) {
            throw new BackupException(archive + ": cannot be read as a Sargs backup (" + e.getMessage() + ")");
        } finally {
            deleteTree(staging);
        }
    }

    private Manifest unpackAndVerify(Path archive, Path staging) throws IOException, BackupException {
        byte[] manifestJson = null;
        byte[] signature = null;
        Map<String, String> hashes = new HashMap<>();
        Map<String, Long> sizes = new HashMap<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(archive))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                String name = e.getName();
                if (name.equals(Manifest.NAME)) {
                    manifestJson = zip.readAllBytes();
                } else if (name.equals(Manifest.SIGNATURE)) {
                    signature = zip.readAllBytes();
                } else if ((name.startsWith(Manifest.DATA) || name.startsWith(Manifest.CONFIG)) && !name.contains("..")
                        && !e.isDirectory()) {
                    Path target = staging.resolve(name).normalize();
                    Files.createDirectories(target.getParent());
                    MessageDigest digest = BackupWriter.sha256();
                    try (OutputStream out = new DigestOutputStream(Files.newOutputStream(target), digest)) {
                        sizes.put(name, zip.transferTo(out));
                    }
                    hashes.put(name, HexFormat.of().formatHex(digest.digest()));
                } else {
                    throw new BackupException(archive + ": " + name + " (expected: only data/, config/ and the manifest)");
                }
            }
        }
        if (manifestJson == null || signature == null) {
            throw new BackupException(archive + ": no signed manifest (expected: an archive sargs-admin backup wrote)");
        }
        Manifest manifest = Manifest.parse(manifestJson);
        verifySignature(archive, manifest, manifestJson, signature);
        verifyStorageKeys(archive, manifest);
        for (Manifest.Entry entry : manifest.files()) {
            String actual = hashes.remove(entry.path());
            if (actual == null) {
                throw new BackupException(archive + ": " + entry.path() + " is missing (the manifest lists it)");
            }
            if (!actual.equals(entry.sha256()) || sizes.get(entry.path()) != entry.size()) {
                throw new BackupException(archive + ": " + entry.path() + ": SHA-256 " + actual + " (expected: "
                        + entry.sha256() + " as signed in the manifest; the archive was altered or damaged)");
            }
        }
        if (!hashes.isEmpty()) {
            throw new BackupException(archive + ": " + hashes.keySet() + " not in the signed manifest (expected: none;"
                    + " the archive was altered)");
        }
        return manifest;
    }

    /** Rewrites each config file (not the drop-ins) to name {@code dataDirectory}; before anything is moved. */
    private static void pointAt(Path configs, Path dataDirectory) throws IOException, BackupException {
        if (!Files.isDirectory(configs)) {
            return;
        }
        try (Stream<Path> list = Files.list(configs)) {
            for (Path f : list.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".yaml"))
                    .toList()) {
                String yaml = Files.readString(f);
                Files.writeString(f, DataDirectoryRewrite.rewrite(Manifest.CONFIG + f.getFileName(), yaml, dataDirectory));
            }
        }
    }

    private void verifySignature(Path archive, Manifest manifest, byte[] json, byte[] signature) throws BackupException {
        KeyInfo signer = key(manifest.signerLabel());
        if (signer == null) {
            throw new BackupException(archive + ": signed with key '" + manifest.signerLabel() + "' of "
                    + manifest.token() + ", which " + token.name() + " does not hold (expected: the token the backup"
                    + " was made with, or one holding its keys; see docs/backup.md)");
        }
        try {
            Signature verifier = Signature.getInstance(SignatureAlgorithm.valueOf(manifest.signerAlgorithm()).jcaName());
            verifier.initVerify(signer.publicKey());
            verifier.update(json);
            if (!verifier.verify(signature)) {
                throw new BackupException(archive + ": the manifest's signature does not verify with key '"
                        + manifest.signerLabel() + "' on " + token.name() + " (expected: a backup made with this"
                        + " token's keys, unaltered)");
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new BackupException(archive + ": the manifest's signature cannot be checked (" + e.getMessage() + ")");
        }
    }

    private void verifyStorageKeys(Path archive, Manifest manifest) throws BackupException {
        for (Map.Entry<String, String> k : manifest.storageKeys().entrySet()) {
            KeyInfo key = key(k.getKey());
            if (key == null || !fingerprint(key.publicKey()).equals(k.getValue())) {
                throw new BackupException(archive + ": its stores are encrypted with keys derived from '" + k.getKey()
                        + "' of " + manifest.token() + ", and " + token.name() + " holds " + (key == null ? "no such key"
                        : "another key under that label") + " (expected: the same key; see docs/backup.md)");
            }
        }
    }

    private KeyInfo key(String label) {
        return token.listKeys().stream().filter(k -> k.label().equals(label)).findFirst().orElse(null);
    }

    /** SHA-256 (hex) of a public key's encoding: how the manifest names a key. */
    public static String fingerprint(PublicKey key) {
        return HexFormat.of().formatHex(BackupWriter.sha256().digest(key.getEncoded()));
    }

    private static void requireFresh(Path dataDirectory, Path configDirectory) throws BackupException {
        try {
            if (Files.isDirectory(dataDirectory)) {
                try (Stream<Path> s = Files.list(dataDirectory)) {
                    if (s.findAny().isPresent()) {
                        throw new BackupException("--data-directory " + dataDirectory + " is not empty (expected: a"
                                + " fresh directory; restore never overwrites stores)");
                    }
                }
            }
        } catch (IOException e) {
            throw new BackupException("--data-directory " + dataDirectory + ": " + e.getMessage());
        }
        if (Files.exists(configDirectory.resolve("sargs.yaml"))) {
            throw new BackupException("--config-directory " + configDirectory + " holds a sargs.yaml (expected: a"
                    + " directory without one; restore never overwrites a config)");
        }
    }

    private static void moveInto(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        if (!Files.isDirectory(from)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path f : walk.filter(Files::isRegularFile).toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                Files.createDirectories(target.getParent());
                try {
                    Files.move(f, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (java.nio.file.AtomicMoveNotSupportedException e) {
                    // Another file system (e.g. /etc beside /var/lib): copy; the target was checked fresh.
                    Files.copy(f, target);
                }
            }
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // The staging directory is hidden and named; a leftover is harmless and says what it was.
        }
    }
}

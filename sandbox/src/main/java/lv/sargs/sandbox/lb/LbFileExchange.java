package lv.sargs.sandbox.lb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import lv.sargs.testkit.CertificateAuthority;
import lv.sargs.testkit.HeldCertificate;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.tinylog.Logger;

/**
 * A simulated Latvijas Banka statistics file exchange: a real SFTP server on 127.0.0.1 where each
 * registered bank logs in with its key and sees {@code STAT/OUT} and {@code STAT/IN}; every complete
 * upload to {@code STAT/OUT} is taken away, decrypted with Latvijas Banka's key, its signature
 * checked against the bank's registered certificate, the report judged, and a plain-text reply
 * written to {@code STAT/IN}.
 *
 * <p>Reply files are named {@code <first file name>.<yyyyMMddHHmmssSSS UTC>.reply.txt} and hold, in
 * UTF-8, {@code RESULT=ACCEPTED|REJECTED}, one {@code FILE=<sha256> <name>} per file of the report
 * (a split set is answered once, when all its parts are in) and one {@code ERROR=…} per problem.
 */
public final class LbFileExchange implements AutoCloseable {

    private final Path root;
    private final SshServer server;
    private final KeyPair hostKey;
    private final VirtualFileSystemFactory fileSystems;
    private final Map<String, LbUser> users = new ConcurrentHashMap<>();
    private final UploadListener uploads;
    private final Intake intake;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "sandbox-lb-intake");
        t.setDaemon(true);
        return t;
    });

    private LbFileExchange(Path root, List<HeldCertificate> lbKeys) throws IOException {
        this.root = root;
        this.hostKey = CertificateAuthority.generate(CertificateAuthority.KeyType.EC_P256);
        this.intake = new Intake(Files.createDirectories(root.resolve("work")), new P7mOpener(lbKeys),
                Clock.systemUTC());
        this.fileSystems = new VirtualFileSystemFactory(Files.createDirectories(root.resolve("nobody")));
        this.uploads = new UploadListener(this::onUpload);
        SftpSubsystemFactory sftp = new SftpSubsystemFactory.Builder().build();
        sftp.addSftpEventListener(uploads);
        this.server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        server.setPasswordAuthenticator(null);
        server.setKeyboardInteractiveAuthenticator(null);
        server.setPublickeyAuthenticator((user, key, session) -> {
            LbUser u = users.get(user);
            return u != null && KeyUtils.compareKeys(u.loginKey(), key);
        });
        server.setFileSystemFactory(fileSystems);
        server.setSubsystemFactories(List.of(sftp));
    }

    /**
     * Starts the exchange on 127.0.0.1, an ephemeral port, with its files under {@code root}.
     *
     * @param lbKeys Latvijas Banka's statistics certificates with their keys (RSA-2048 or EC P-384)
     */
    public static LbFileExchange start(Path root, List<HeldCertificate> lbKeys) throws IOException {
        LbFileExchange exchange = new LbFileExchange(root, lbKeys);
        exchange.server.start();
        Logger.info("sandbox LB file exchange on 127.0.0.1:{}", exchange.port());
        return exchange;
    }

    /** Registers a bank: its home with {@code STAT/OUT} and {@code STAT/IN}, its login key and signing certificate. */
    public void register(LbUser user) throws IOException {
        Path home = root.resolve("users").resolve(user.name());
        Files.createDirectories(home.resolve("STAT/OUT"));
        Files.createDirectories(home.resolve("STAT/IN"));
        fileSystems.setUserHomeDir(user.name(), home);
        users.put(user.name(), user);
    }

    /** The port the server listens on. */
    public int port() {
        return server.getPort();
    }

    /** The server's public host key, as a bank would register it. */
    public PublicKey hostKey() {
        return hostKey.getPublic();
    }

    /** The real directory behind a user's {@code STAT/OUT}. */
    public Path outDir(String user) {
        return root.resolve("users").resolve(user).resolve("STAT/OUT");
    }

    /** The real directory behind a user's {@code STAT/IN}. */
    public Path inDir(String user) {
        return root.resolve("users").resolve(user).resolve("STAT/IN");
    }

    /** The reports processed so far, in order. */
    public List<Received> received() {
        return intake.received();
    }

    /** Breaks the connection of the next upload into STAT/OUT once more than {@code bytes} are written. */
    public void interruptNextUploadAfter(long bytes) {
        uploads.interruptNextUploadAfter(bytes);
    }

    private void onUpload(ServerSession session, Path virtualPath) {
        LbUser user = users.get(session.getUsername());
        if (user == null) {
            return;
        }
        Path file = outDir(user.name()).resolve(virtualPath.getFileName().toString());
        worker.execute(() -> {
            if (Files.exists(file)) {
                intake.accept(user, file, inDir(user.name()));
            }
        });
    }

    @Override
    public void close() throws IOException {
        try {
            server.stop(true);
        } finally {
            worker.shutdownNow();
            try {
                worker.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

package lv.sargs.sandbox;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import lv.sargs.sandbox.data.World;
import lv.sargs.sandbox.data.WorldGenerator;
import lv.sargs.sandbox.fpr.FprSimulator;
import lv.sargs.sandbox.server.RegisteredClient;
import lv.sargs.sandbox.server.ServerCertificates;
import lv.sargs.sandbox.vid.VidSimulator;
import lv.sargs.sandbox.viss.VissSimulator;
import lv.sargs.testkit.CertificateAuthority;
import lv.sargs.testkit.HeldCertificate;

/**
 * The VISS, population register and State Revenue Service (VID) simulators over one generated
 * world, on loopback, for tests, benchmarks and the demo. One default client (RSA-2048 certificate,
 * id and secret) is registered with each; {@link #close()} stops everything.
 *
 * <pre>{@code
 * try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults().withSeed(7))) {
 *     URI viss = sandbox.viss().baseUri();
 *     String trust = sandbox.caCertificatePem();
 *     sandbox.viss().faults().set(VissSimulator.LEGAL_ENTITY, FaultPlan.parse("error=1"));
 *     long calls = sandbox.viss().calls().count(VissSimulator.LEGAL_ENTITY);
 * }
 * }</pre>
 */
public final class Sandbox implements AutoCloseable {

    /** The default client's id at every simulator. */
    public static final String DEFAULT_CLIENT_ID = "sargs-sandbox-client";

    private final World world;
    private final CertificateAuthority ca;
    private final HeldCertificate clientCertificate;
    private final RegisteredClient defaultClient;
    private final VissSimulator viss;
    private final FprSimulator fpr;
    private final VidSimulator vid;

    private Sandbox(World world, CertificateAuthority ca, HeldCertificate clientCertificate,
                    RegisteredClient defaultClient, VissSimulator viss, FprSimulator fpr, VidSimulator vid) {
        this.world = world;
        this.ca = ca;
        this.clientCertificate = clientCertificate;
        this.defaultClient = defaultClient;
        this.viss = viss;
        this.fpr = fpr;
        this.vid = vid;
    }

    /** Generates the world and starts every simulator. */
    public static Sandbox start(SandboxOptions options) {
        World world = World.generate(new WorldGenerator(options.seed(), options.worldSize(), options.referenceDate()),
                options.clock());
        CertificateAuthority ca = options.certificateAuthority()
                .orElseGet(() -> CertificateAuthority.create("Sargs Sandbox CA"));
        ServerCertificates serverCertificates = serverCertificates(ca);
        KeyPair clientKeys = DefaultClientKeys.PAIR;
        X509Certificate clientLeaf = ca.issue(DEFAULT_CLIENT_ID).client().certify(clientKeys.getPublic());
        HeldCertificate clientCertificate = new HeldCertificate(clientKeys, clientLeaf, List.of(clientLeaf));
        char[] secret = randomSecret();
        RegisteredClient defaultClient = new RegisteredClient(DEFAULT_CLIENT_ID, secret,
                clientCertificate.certificate());
        java.util.Arrays.fill(secret, '\0');
        InetAddress loopback = InetAddress.getLoopbackAddress();
        VissSimulator viss = VissSimulator.start(world, options.viss().withClient(defaultClient), serverCertificates,
                new InetSocketAddress(loopback, options.vissPort()), options.clock(), options.ioThreads());
        FprSimulator fpr = null;
        try {
            fpr = FprSimulator.start(world, options.fpr().withClient(defaultClient), serverCertificates,
                    new InetSocketAddress(loopback, options.fprPort()), options.clock(), options.ioThreads());
            VidSimulator vid = VidSimulator.start(world, serverCertificates, new InetSocketAddress(loopback, 0),
                    options.ioThreads());
            vid.register(defaultClient);
            return new Sandbox(world, ca, clientCertificate, defaultClient, viss, fpr, vid);
        } catch (RuntimeException e) {
            if (fpr != null) {
                fpr.close();
            }
            viss.close();
            throw e;
        }
    }

    /** The registers' data, shared by the simulators; mutate it with {@code recordChange}. */
    public World world() {
        return world;
    }

    /** The VISS API Pārvaldnieks simulator. */
    public VissSimulator viss() {
        return viss;
    }

    /** The population register simulator. */
    public FprSimulator fpr() {
        return fpr;
    }

    /** The State Revenue Service (VID) taxpayer data simulator (its real interface is unconfirmed); any free port. */
    public VidSimulator vid() {
        return vid;
    }

    /** The CA that issued the valid and expired server certificates; mint more client certificates with it. */
    public CertificateAuthority certificateAuthority() {
        return ca;
    }

    /** The CA certificate a client must trust to reach the simulators. */
    public X509Certificate caCertificate() {
        return ca.certificate();
    }

    /** The CA certificate as PEM. */
    public String caCertificatePem() {
        return ca.certificatePem();
    }

    /** The default client's certificate with its private key (RSA-2048, for the RS256 assertion too). */
    public HeldCertificate defaultClientCertificate() {
        return clientCertificate;
    }

    /** The default client's id, secret and certificate, registered at every simulator. */
    public RegisteredClient defaultClient() {
        return defaultClient;
    }

    /** Stops every simulator. */
    @Override
    public void close() {
        try {
            vid.close();
        } finally {
            try {
                fpr.close();
            } finally {
                viss.close();
            }
        }
    }

    /**
     * One RSA-2048 key pair per JVM for the default client: generating one takes seconds on a busy
     * machine, and a sandbox key protects nothing, so every sandbox certifies the same key anew.
     */
    private static final class DefaultClientKeys {
        static final KeyPair PAIR = CertificateAuthority.generate(CertificateAuthority.KeyType.RSA_2048);
    }

    private static ServerCertificates serverCertificates(CertificateAuthority ca) {
        Instant now = Instant.now();
        HeldCertificate valid = ca.issue("localhost").server("localhost", "127.0.0.1").build();
        HeldCertificate expired = ca.issue("localhost").server("localhost", "127.0.0.1")
                .validity(now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1))).build();
        HeldCertificate untrusted = CertificateAuthority.create("Untrusted Sandbox CA").issue("localhost")
                .server("localhost", "127.0.0.1").build();
        return new ServerCertificates(valid, expired, untrusted);
    }

    private static char[] randomSecret() {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        SecureRandom random = new SecureRandom();
        char[] secret = new char[28];
        for (int i = 0; i < secret.length; i++) {
            secret[i] = alphabet.charAt(random.nextInt(alphabet.length()));
        }
        return secret;
    }
}

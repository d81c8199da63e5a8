package lv.sargs.sandbox.demo;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.util.List;
import lv.sargs.gateway.treasury.ekase.EkaseMode;
import lv.sargs.hsm.KeyInfo;
import lv.sargs.hsm.KeySpec;
import lv.sargs.hsm.Token;
import lv.sargs.sandbox.ekase.EkaseSimulator;
import lv.sargs.sandbox.ekase.SimUser;
import lv.sargs.testkit.CertificateAuthority;
import lv.sargs.testkit.HeldCertificate;

/**
 * Connects a gateway's Treasury capability to a running sandbox eKase the way an admin connects it
 * to the Treasury: a client key made on the token and certified by the Treasury's CA, an eKase
 * user registered with a password, the storage key, and the {@code treasury:} config section
 * naming all of it. Used by the demo and the e2e tests.
 */
public final class TreasuryWiring {

    /** The label of the Treasury-issued client certificate's key on the token. */
    public static final String CLIENT_KEY = "ekase-client";
    /** The label of the RSA key the payment store's key is derived from. */
    public static final String STORAGE_KEY = "treasury-storage";
    /** The eKase user the gateway is registered as. */
    public static final String USER = "sargs-gateway";
    /** The client roles giving view and manage mode in the section written. */
    public static final String VIEW_ROLE = "treasury-view";
    public static final String MANAGE_ROLE = "treasury-manage";

    /**
     * A running sandbox eKase and the Treasury CA that issued its server certificate and issues
     * its clients' certificates.
     */
    public record SandboxEkase(EkaseSimulator simulator, CertificateAuthority ca) implements AutoCloseable {
        @Override
        public void close() {
            simulator.close();
        }
    }

    private TreasuryWiring() {
    }

    /**
     * Mints a Treasury CA and starts the sandbox eKase on 127.0.0.1 (port 0) with its default
     * accounts, no user yet, statuses moving every 100/200 ms.
     */
    public static SandboxEkase startEkase() throws IOException {
        CertificateAuthority ca = CertificateAuthority.create("Valsts kase sandbox CA (NOT FOR PRODUCTION)");
        HeldCertificate server = ca.issue("ekase.sandbox").server("127.0.0.1").build();
        try {
            return new SandboxEkase(EkaseSimulator.start(EkaseSimulator.Settings.loopback(server, ca.certificate(),
                    List.of())), ca);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted starting the sandbox eKase");
        }
    }

    /**
     * Makes the keys on {@code token}, registers the gateway's eKase user in {@code mode} at
     * {@code ekase}, writes the CA, chain and password files into {@code dir}, and returns the
     * {@code treasury:} YAML section (top-level, ending with a newline).
     */
    public static String prepare(SandboxEkase ekase, Token token, Path dir, EkaseMode mode) throws IOException {
        Files.createDirectories(dir);
        KeyInfo key = token.generateKeyPair(CLIENT_KEY, KeySpec.RSA_2048);
        X509Certificate certificate = ekase.ca().issue(USER).client().certify(key.publicKey());
        token.importCertificateChain(CLIENT_KEY, List.of(certificate));
        token.generateKeyPair(STORAGE_KEY, KeySpec.RSA_2048);

        Path ca = dir.resolve("ekase-ca.pem");
        ekase.ca().writeCertificatePem(ca);
        Path chain = dir.resolve(CLIENT_KEY + "-chain.pem");
        Files.writeString(chain, LookupsWiring.pem(certificate), StandardCharsets.US_ASCII);
        char[] password = "demo-ekase-password".toCharArray();
        Path passwordFile = dir.resolve("ekase.password");
        Files.deleteIfExists(passwordFile);
        Files.createFile(passwordFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(passwordFile, new String(password) + "\n", StandardCharsets.UTF_8);
        ekase.simulator().register(new SimUser(USER, password, SimUser.Mode.valueOf(mode.name())));

        return """
                treasury:
                  storageKeyLabel: %s
                  ekase:
                    baseUri: %s
                    trustedCa: %s
                    clientKey: {label: %s, certificateChain: %s}
                    user: %s
                    password: {file: %s}
                    mode: %s
                    connectTimeout: 1s
                    requestTimeout: 1500ms
                  roles:
                    view: [%s]
                    manage: [%s]
                  pollInterval: 200ms
                  retry: {min: 200ms, max: 5s}
                """.formatted(STORAGE_KEY, ekase.simulator().uri(), ca, CLIENT_KEY, chain, USER, passwordFile,
                mode.name(), VIEW_ROLE, MANAGE_ROLE);
    }
}

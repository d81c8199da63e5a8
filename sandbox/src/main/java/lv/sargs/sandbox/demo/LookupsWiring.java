package lv.sargs.sandbox.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import lv.sargs.hsm.KeyInfo;
import lv.sargs.hsm.KeySpec;
import lv.sargs.hsm.Token;
import lv.sargs.sandbox.Sandbox;
import lv.sargs.sandbox.server.RegisteredClient;

/**
 * Connects a gateway's register lookups to a running sandbox the way an admin connects them to
 * the real registers: a client key made on the token and certified by the register's CA,
 * registered with VISS and the population register with a client secret and with VID by the
 * certificate alone, the storage key, and
 * the {@code lookups:} config section naming all of it. Used by the demo and the e2e tests.
 */
public final class LookupsWiring {

    /** The label of the registers' client key on the token. */
    public static final String CLIENT_KEY = "registers-client";
    /** The label of the RSA key the cache and watchlist keys are derived from. */
    public static final String STORAGE_KEY = "sargs-storage";
    /** The client id the gateway is registered under at both simulators. */
    public static final String CLIENT_ID = "sargs-gateway";

    private LookupsWiring() {
    }

    /**
     * Makes the keys on {@code token}, registers the gateway at {@code sandbox}'s simulators, writes
     * the CA, chain and secret files into {@code dir}, and returns the {@code lookups:} YAML section
     * (top-level, ending with a newline) with the given fee and freshness for every register part.
     */
    public static String prepare(Sandbox sandbox, Token token, Path dir, String ttl, String staleIfError)
            throws IOException {
        Files.createDirectories(dir);
        KeyInfo key = token.generateKeyPair(CLIENT_KEY, KeySpec.RSA_2048);
        X509Certificate certificate = sandbox.certificateAuthority().issue(CLIENT_ID).client().certify(key.publicKey());
        token.importCertificateChain(CLIENT_KEY, List.of(certificate));
        token.generateKeyPair(STORAGE_KEY, KeySpec.RSA_2048);

        Path ca = dir.resolve("registers-ca.pem");
        Files.writeString(ca, sandbox.caCertificatePem(), StandardCharsets.US_ASCII);
        Path chain = dir.resolve(CLIENT_KEY + "-chain.pem");
        Files.writeString(chain, pem(certificate), StandardCharsets.US_ASCII);
        char[] vissSecret = "demo-viss-secret".toCharArray();
        char[] fprSecret = "demo-fpr-secret".toCharArray();
        Path vissSecretFile = secretFile(dir.resolve("viss-client.secret"), vissSecret);
        Path fprSecretFile = secretFile(dir.resolve("fpr-client.secret"), fprSecret);
        sandbox.viss().register(new RegisteredClient(CLIENT_ID, vissSecret, certificate));
        sandbox.fpr().register(new RegisteredClient(CLIENT_ID, fprSecret, certificate));
        // VID knows the gateway by its certificate alone (the sandbox's assumption; VID's interface is unconfirmed).
        sandbox.vid().register(new RegisteredClient(CLIENT_ID, "unused-by-vid".toCharArray(), certificate));

        String terms = "{ttl: " + ttl + ", notFoundTtl: 5m, staleIfError: " + staleIfError + ", feeCents: %d}";
        return """
                lookups:
                  storageKeyLabel: %s
                  cache: {maxEntries: 100000, hotEntries: 10000}
                  changeFeedInterval: 2s
                  viss:
                    baseUri: %s
                    trustedCa: %s
                    clientKey: {label: %s, certificateChain: %s}
                    clientId: %s
                    clientSecret: {file: %s}
                    audience: %s
                    assertionLifetime: 300s
                  fpr:
                    baseUri: %s
                    trustedCa: %s
                    clientKey: {label: %s, certificateChain: %s}
                    clientId: %s
                    clientSecret: {file: %s}
                    permission: "%s"
                  vid:
                    baseUri: %s
                    trustedCa: %s
                    clientKey: {label: %s, certificateChain: %s}
                  registers:
                    viss.legal-entity: %s
                    viss.beneficial-owners: %s
                    viss.insolvency-proceedings: %s
                    viss.natural-person: %s
                    fpr.person: %s
                    vid.taxpayer: %s
                """.formatted(STORAGE_KEY,
                sandbox.viss().baseUri(), ca, CLIENT_KEY, chain, CLIENT_ID, vissSecretFile, sandbox.viss().audience(),
                sandbox.fpr().baseUri(), ca, CLIENT_KEY, chain, CLIENT_ID, fprSecretFile, sandbox.fpr().permission(),
                sandbox.vid().baseUri(), ca, CLIENT_KEY, chain,
                terms.formatted(15), terms.formatted(20), terms.formatted(10), terms.formatted(15), terms.formatted(30),
                terms.formatted(5));
    }

    private static Path secretFile(Path file, char[] secret) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, new String(secret) + "\n", StandardCharsets.UTF_8);
        return file;
    }

    static String pem(X509Certificate certificate) {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException("a freshly minted certificate cannot be encoded", e);
        }
    }
}

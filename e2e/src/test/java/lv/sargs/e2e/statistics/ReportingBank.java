package lv.sargs.e2e.statistics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import lv.sargs.gateway.config.ConfigLoader;
import lv.sargs.gateway.config.GatewayConfig;
import lv.sargs.hsm.KeyInfo;
import lv.sargs.hsm.KeySpec;
import lv.sargs.hsm.Token;
import lv.sargs.hsm.tokens.Tokens;
import lv.sargs.sandbox.lb.LbFileExchange;
import lv.sargs.sandbox.lb.LbUser;
import lv.sargs.testkit.CertificateAuthority;
import lv.sargs.testkit.GatewayConfigYaml;
import lv.sargs.testkit.GeneratedReport;
import lv.sargs.testkit.HeldCertificate;
import org.apache.sshd.common.config.keys.PublicKeyEntry;

/**
 * A bank set up for statistics, minted per test: a CA, the gateway's listener, signing and SFTP
 * login keys on a demo token, Latvijas Banka's exchange (the sandbox's) with the bank registered,
 * and two core systems — {@code reporting} with the role {@code statistics}, {@code core-banking}
 * without it.
 */
final class ReportingBank implements AutoCloseable {

    static final String ORG = "ABC";
    static final String USER = "bank-abc";
    static final String SIGNING_KEY = "lb-signing";
    static final String LOGIN_KEY = "lb-sftp";

    /** A valid October 2026 report of this bank's, of about {@code bytes}, generated as it is read. */
    static GeneratedReport generatedReport(long bytes) {
        String today = LocalDate.now(ZoneId.of("Europe/Riga")).format(DateTimeFormatter.BASIC_ISO_DATE);
        return new GeneratedReport("ORG_KODS=" + ORG + "\nDATUMS=20261031\nIESN_DAT=" + today
                + "\nPERSONA=Jānis Bērziņš\nTALRUNIS=+371 67022300\nEPASTS=statistika@banka.lv\n", bytes);
    }

    // Minted once per JVM: RSA key generation is slow, and no test changes them.
    private static final CertificateAuthority CA = CertificateAuthority.create("E2E Test CA");
    private static final HeldCertificate LB_RSA = CA.issue("Latvijas Banka RSA").cms()
            .keyType(CertificateAuthority.KeyType.RSA_2048).build();
    private static final HeldCertificate LB_EC = CA.issue("Latvijas Banka EC").cms()
            .keyType(CertificateAuthority.KeyType.EC_P384).build();

    final Path dir;
    final Token token = Tokens.demo();
    final HeldCertificate reporting = CA.issue("reporting").client().build();
    final HeldCertificate coreBanking = CA.issue("core-banking").client().build();
    final LbFileExchange exchange;
    private final Path listenerChain;
    private final Path clientCa;
    private final List<Path> recipients;

    ReportingBank(Path dir) throws Exception {
        this.dir = dir;
        KeyInfo listener = token.generateKeyPair("sargs-listener", KeySpec.EC_P256);
        X509Certificate server = CA.issue("localhost").server("localhost", "127.0.0.1").certify(listener.publicKey());
        token.importCertificateChain("sargs-listener", List.of(server));
        KeyInfo signing = token.generateKeyPair(SIGNING_KEY, KeySpec.EC_P384);
        X509Certificate signingCertificate = CA.issue("Bank ABC statistics").cms().certify(signing.publicKey());
        token.importCertificateChain(SIGNING_KEY, List.of(signingCertificate));
        KeyInfo login = token.generateKeyPair(LOGIN_KEY, KeySpec.EC_P256);

        listenerChain = write("listener-chain.pem", pem(server));
        clientCa = write("clients-ca.pem", CA.certificatePem());
        recipients = List.of(write("lb-rsa.pem", LB_RSA.certificatePem()), write("lb-ec.pem", LB_EC.certificatePem()));
        exchange = LbFileExchange.start(Files.createDirectories(dir.resolve("lb")), List.of(LB_RSA, LB_EC));
        exchange.register(new LbUser(USER, login.publicKey(), signingCertificate, ORG));
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.US_ASCII);
    }

    /** The gateway's config: loopback, both clients, the statistics section pointed at the exchange. */
    GatewayConfig config(String signingKeyLabel) throws Exception {
        return config(signingKeyLabel, exchange.hostKey());
    }

    /** As {@link #config(String)}, pinning {@code hostKey} as Latvijas Banka's SFTP host key. */
    GatewayConfig config(String signingKeyLabel, PublicKey hostKey) throws Exception {
        return config(signingKeyLabel, hostKey, "400MiB");
    }

    /** As {@link #config(String, PublicKey)}, with {@code statistics.maxReportSize} set to {@code maxReportSize}. */
    GatewayConfig config(String signingKeyLabel, PublicKey hostKey, String maxReportSize) throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        String yaml = GatewayConfigYaml.loopback(listenerChain, clientCa, data)
                .protocols("TLSv1.3")
                .limit("maxRequestsInFlight", "64")
                .limit("requestTimeout", "20s")
                .client("reporting", fingerprint(reporting), "statistics", "statistics")
                .client("core-banking", fingerprint(coreBanking), "lookup", "kyc")
                .shutdownGrace("2s")
                .section("""
                        statistics:
                          orgCode: %s
                          encoding: WINDOWS_1257
                          maxFileBytes: 95000000B
                          maxLineChars: 4096
                          maxReportSize: %s
                          signingKeyLabel: %s
                          recipients: [%s, %s]
                          signWait: 10s
                          deliveryInterval: 1m
                          pollInterval: 1s
                          sftp:
                            host: 127.0.0.1
                            port: %d
                            user: %s
                            hostKey: "%s"
                            userKeyLabel: %s
                            outDir: STAT/OUT
                            inDir: STAT/IN
                            timeout: 10s
                        """.formatted(ORG, maxReportSize, signingKeyLabel, recipients.get(0), recipients.get(1),
                        exchange.port(), USER, PublicKeyEntry.toString(hostKey), LOGIN_KEY))
                .yaml();
        return ConfigLoader.with(java.time.Clock.systemUTC(), Map.of()).parse(yaml, "e2e sargs.yaml");
    }

    /** Where the listener's client CA (the test CA) is written, for a client in another JVM to trust. */
    Path clientCaFile() {
        return clientCa;
    }

    /** TLS as the core system {@code client}: its certificate and key, trusting the test CA. */
    static SSLContext tls(HeldCertificate client) throws Exception {
        char[] password = "e2e".toCharArray();
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(client.keyStore("client", password), password);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", CA.certificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return tls;
    }

    private static String pem(X509Certificate c) throws Exception {
        return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(c.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }

    private static String fingerprint(HeldCertificate c) throws Exception {
        return HexFormat.ofDelimiter(":").withUpperCase()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(c.certificate().getEncoded()));
    }

    @Override
    public void close() throws IOException {
        // The token is the gateway's once it started (it closes it); closing it twice is harmless.
        token.close();
        exchange.close();
    }
}

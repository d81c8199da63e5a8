package lv.sargs.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import lv.sargs.gateway.Gateway;
import lv.sargs.gateway.StartupException;
import lv.sargs.gateway.config.ConfigException;
import lv.sargs.gateway.config.ConfigLoader;
import lv.sargs.gateway.config.GatewayConfig;
import lv.sargs.hsm.Token;
import lv.sargs.sandbox.demo.DemoConfig;
import lv.sargs.sandbox.demo.DemoPki;

/**
 * A real gateway in this JVM on 127.0.0.1 port 0, configured as the demo is (minted PKI, listener
 * key on the given token) plus extra config sections, with an HTTPS client presenting the declared
 * core-system certificate. Restartable on the same data directory and token.
 */
public final class GatewayUnderTest implements AutoCloseable {

    private final java.util.function.Supplier<Token> opener;
    private Token token;
    private final Path configFile;
    private final DemoPki pki;
    private final HttpClient http;
    private Gateway gateway;

    private GatewayUnderTest(java.util.function.Supplier<Token> opener, Token token, Path configFile, DemoPki pki,
                             HttpClient http) {
        this.opener = opener;
        this.token = token;
        this.configFile = configFile;
        this.pki = pki;
        this.http = http;
    }

    /**
     * Mints the PKI into {@code dir} (the listener key on {@code token}), writes the config with the
     * {@code sections} {@code prepare} returns for that token, and starts the gateway; a restart
     * opens the token again with {@code opener}.
     */
    public static GatewayUnderTest start(Path dir, java.util.function.Supplier<Token> opener,
                                         SectionsFor prepare) throws Exception {
        Token token = opener.get();
        String sections = prepare.sections(token);
        DemoPki pki = DemoPki.mint(dir, token);
        Path data = Files.createDirectories(dir.resolve("data"));
        Path config = dir.resolve("sargs.yaml");
        Files.writeString(config, DemoConfig.yaml(pki, data, sections, 0, 0));
        GatewayUnderTest g = new GatewayUnderTest(opener, token, config, pki, client(pki));
        g.startGateway();
        return g;
    }

    /** The config sections (e.g. {@code lookups:}) for a token, after making their keys on it. */
    @FunctionalInterface
    public interface SectionsFor {
        String sections(Token token) throws Exception;
    }

    /** Stops the gateway (which closes the token), opens the token again and starts on the same data. */
    public void restart() throws Exception {
        gateway.stop();
        token = opener.get();
        startGateway();
    }

    private void startGateway() throws ConfigException, StartupException {
        GatewayConfig config = ConfigLoader.system().load(configFile);
        gateway = Gateway.start(config, configFile.toString(), token);
    }

    /** The running gateway. */
    public Gateway gateway() {
        return gateway;
    }

    /** The demo PKI (its CA can issue more clients). */
    public DemoPki pki() {
        return pki;
    }

    /** GET {@code path} with the given headers (name, value, …) as the declared client. */
    public HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
        return send("GET", path, headers);
    }

    /** {@code method} on {@code path} without a body. */
    public HttpResponse<String> send(String method, String path, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("https://127.0.0.1:"
                        + gateway.clientAddress().getPort() + path))
                .timeout(Duration.ofSeconds(20)).method(method, HttpRequest.BodyPublishers.noBody());
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Stops the gateway; the token is closed with it. */
    @Override
    public void close() {
        if (gateway != null) {
            gateway.stop();
        }
    }

    private static HttpClient client(DemoPki pki) throws GeneralSecurityException, IOException {
        char[] password = "e2e".toCharArray();
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(pki.client().keyStore("client", password), password);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", pki.ca().certificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(ssl).version(HttpClient.Version.HTTP_2)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }
}

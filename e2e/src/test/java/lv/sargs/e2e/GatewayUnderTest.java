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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import lv.sargs.gateway.Gateway;
import lv.sargs.gateway.capability.StartupException;
import lv.sargs.gateway.config.ConfigException;
import lv.sargs.gateway.config.ConfigLoader;
import lv.sargs.gateway.config.GatewayConfig;
import lv.sargs.hsm.Token;
import lv.sargs.sandbox.demo.DemoConfig;
import lv.sargs.sandbox.demo.DemoPki;
import lv.sargs.testkit.HeldCertificate;

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
    private final Map<String, HttpClient> others;
    private Gateway gateway;

    private GatewayUnderTest(java.util.function.Supplier<Token> opener, Token token, Path configFile, DemoPki pki,
                             HttpClient http, Map<String, HttpClient> others) {
        this.opener = opener;
        this.token = token;
        this.configFile = configFile;
        this.pki = pki;
        this.http = http;
        this.others = others;
    }

    /**
     * Mints the PKI into {@code dir} (the listener key on {@code token}), writes the config with the
     * {@code sections} {@code prepare} returns for that token, and starts the gateway; a restart
     * opens the token again with {@code opener}.
     */
    public static GatewayUnderTest start(Path dir, java.util.function.Supplier<Token> opener,
                                         SectionsFor prepare) throws Exception {
        return start(dir, opener, prepare, Map.of());
    }

    /**
     * As {@link #start(Path, java.util.function.Supplier, SectionsFor)}, declaring one more client
     * per entry of {@code moreClients} (name to roles), each with a certificate from the demo CA,
     * reachable through {@link #sendAs}.
     */
    public static GatewayUnderTest start(Path dir, java.util.function.Supplier<Token> opener, SectionsFor prepare,
                                         Map<String, Set<String>> moreClients) throws Exception {
        Token token = opener.get();
        String sections = prepare.sections(token);
        DemoPki pki = DemoPki.mint(dir, token);
        Path data = Files.createDirectories(dir.resolve("data"));
        Path config = dir.resolve("sargs.yaml");
        String yaml = DemoConfig.yaml(pki, data, sections, 0, 0);
        Map<String, HttpClient> others = new LinkedHashMap<>();
        if (!moreClients.isEmpty()) {
            ObjectMapper mapper = new ObjectMapper(new YAMLFactory());
            ObjectNode root = (ObjectNode) mapper.readTree(yaml);
            ArrayNode clients = (ArrayNode) root.get("clients");
            for (Map.Entry<String, Set<String>> c : moreClients.entrySet()) {
                HeldCertificate held = pki.ca().issue(c.getKey()).client().build();
                ObjectNode client = clients.addObject().put("name", c.getKey());
                client.putObject("certificate").put("sha256", DemoPki.fingerprint(held.certificate()));
                client.putArray("sources").add("127.0.0.1/32");
                c.getValue().forEach(client.putArray("roles")::add);
                client.putArray("purposes").add("kyc");
                others.put(c.getKey(), client(pki, held));
            }
            yaml = mapper.writeValueAsString(root);
        }
        Files.writeString(config, yaml);
        GatewayUnderTest g = new GatewayUnderTest(opener, token, config, pki, client(pki, pki.client()), others);
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
        return send(http, method, path, null, null, headers);
    }

    /** POST {@code body} (UTF-8) as {@code contentType} to {@code path} as the declared client. */
    public HttpResponse<String> post(String path, String contentType, String body, String... headers)
            throws IOException, InterruptedException {
        return send(http, "POST", path, contentType, body, headers);
    }

    /**
     * {@code method} on {@code path} as the extra client {@code client}, with {@code body} (UTF-8,
     * as {@code contentType}) unless it is null.
     */
    public HttpResponse<String> sendAs(String client, String method, String path, String contentType, String body,
                                       String... headers) throws IOException, InterruptedException {
        HttpClient as = others.get(client);
        if (as == null) {
            throw new IllegalArgumentException("client " + client + ": not declared (expected one of "
                    + others.keySet() + ")");
        }
        return send(as, method, path, contentType, body, headers);
    }

    private HttpResponse<String> send(HttpClient as, String method, String path, String contentType, String body,
                                        String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("https://127.0.0.1:"
                        + gateway.clientAddress().getPort() + path))
                .timeout(Duration.ofSeconds(20)).method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return as.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Stops the gateway; the token is closed with it. */
    @Override
    public void close() {
        if (gateway != null) {
            gateway.stop();
        }
    }

    /** An HTTPS client presenting {@code identity} and trusting {@code pki}'s CA (e.g. for a gateway restored elsewhere). */
    public static HttpClient client(DemoPki pki, HeldCertificate identity) throws GeneralSecurityException, IOException {
        char[] password = "e2e".toCharArray();
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(identity.keyStore("client", password), password);
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

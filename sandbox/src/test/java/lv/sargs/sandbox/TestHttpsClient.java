package lv.sargs.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import lv.sargs.testkit.HeldCertificate;

/**
 * A one-request-per-connection HTTPS/1.1 client over a plain {@link SSLSocket}: it validates the
 * server against one CA with hostname verification, presents a client certificate, and closes
 * every socket it opens, so a test observes resets, stalls and short bodies exactly.
 */
public final class TestHttpsClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SSLContext context;
    private final Duration readTimeout;

    public TestHttpsClient(HeldCertificate client, X509Certificate trustedCa, Duration readTimeout) {
        this.context = context(client, trustedCa);
        this.readTimeout = readTimeout;
    }

    public TestHttpsClient(HeldCertificate client, X509Certificate trustedCa) {
        this(client, trustedCa, Duration.ofSeconds(10));
    }

    /** A response read in full. */
    public record Response(int status, Map<String, String> headers, byte[] body) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public JsonNode json() throws IOException {
            return JSON.readTree(body);
        }

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** The connection ended before the announced Content-Length. */
    public static final class TruncatedBodyException extends IOException {
        TruncatedBodyException(int expected, int got) {
            super("body: " + got + " bytes (expected: " + expected + ")");
        }
    }

    public Response get(URI base, String path, Map<String, String> headers) throws IOException {
        return send(base, "GET", path, headers, new byte[0]);
    }

    public Response postForm(URI base, String path, Map<String, String> form) throws IOException {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(base, "POST", path, Map.of("Content-Type", "application/x-www-form-urlencoded"),
                body.getBytes(StandardCharsets.UTF_8));
    }

    public Response send(URI base, String method, String path, Map<String, String> headers, byte[] body)
            throws IOException {
        try (SSLSocket socket = connect(base)) {
            write(socket, base, method, path, headers, body, false);
            return read(socket.getInputStream());
        }
    }

    /** Sends {@code paths} as GETs one after another on one kept-alive connection. */
    public java.util.List<Response> getKeepAlive(URI base, java.util.List<String> paths, Map<String, String> headers)
            throws IOException {
        java.util.List<Response> responses = new java.util.ArrayList<>();
        try (SSLSocket socket = connect(base)) {
            for (String path : paths) {
                write(socket, base, "GET", path, headers, new byte[0], true);
                responses.add(read(socket.getInputStream()));
            }
        }
        return responses;
    }

    private SSLSocket connect(URI base) throws IOException {
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket();
        try {
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5_000);
            socket.setSoTimeout((int) readTimeout.toMillis());
            SSLParameters params = socket.getSSLParameters();
            params.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(params);
            socket.startHandshake();
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    private static void write(SSLSocket socket, URI base, String method, String path, Map<String, String> headers,
                              byte[] body, boolean keepAlive) throws IOException {
        StringBuilder head = new StringBuilder();
        head.append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(base.getHost()).append(':').append(base.getPort()).append("\r\n")
                .append("Connection: ").append(keepAlive ? "keep-alive" : "close").append("\r\n")
                .append("Content-Length: ").append(body.length).append("\r\n");
        headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        head.append("\r\n");
        OutputStream out = socket.getOutputStream();
        out.write(head.toString().getBytes(StandardCharsets.UTF_8));
        out.write(body);
        out.flush();
    }

    private static Response read(InputStream in) throws IOException {
        String statusLine = line(in);
        if (statusLine == null) {
            throw new IOException("connection closed before a status line");
        }
        int status = Integer.parseInt(statusLine.split(" ", 3)[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = line(in); line != null && !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        String length = headers.get("content-length");
        if (length == null) {
            return new Response(status, headers, in.readAllBytes());
        }
        int expected = Integer.parseInt(length);
        byte[] body = in.readNBytes(expected);
        if (body.length < expected) {
            throw new TruncatedBodyException(expected, body.length);
        }
        return new Response(status, headers, body);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                byte[] bytes = buf.toByteArray();
                int len = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, len, StandardCharsets.ISO_8859_1);
            }
            buf.write(b);
        }
        return buf.size() == 0 ? null : buf.toString(StandardCharsets.ISO_8859_1);
    }

    private static SSLContext context(HeldCertificate client, X509Certificate trustedCa) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", trustedCa);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            char[] password = "test".toCharArray();
            if (client != null) {
                kmf.init(client.keyStore("client", password), password);
            } else {
                KeyStore empty = KeyStore.getInstance("PKCS12");
                empty.load(null, null);
                kmf.init(empty, password);
            }
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build the test TLS context", e);
        }
    }
}

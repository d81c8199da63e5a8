package lv.sargs.gateway.listener;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import lv.sargs.testkit.CertificateAuthority;
import lv.sargs.testkit.HeldCertificate;

/** A real TLS client speaking HTTP/1.1 by hand over an {@link SSLSocket}, so tests control every byte. */
final class TlsTestClient implements AutoCloseable {

    private static final char[] PASSWORD = "test".toCharArray();

    private final SSLSocket socket;
    private final InputStream in;
    private final OutputStream out;

    private TlsTestClient(SSLSocket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** Connects from {@code localAddress} presenting {@code identity} and trusting {@code ca}, and handshakes. */
    static TlsTestClient connect(InetSocketAddress server, String localAddress, HeldCertificate identity,
                                 CertificateAuthority ca) throws IOException {
        return connect(server, localAddress, identity, ca, null);
    }

    /** As {@link #connect(InetSocketAddress, String, HeldCertificate, CertificateAuthority)}, offering only {@code protocol} when not null. */
    static TlsTestClient connect(InetSocketAddress server, String localAddress, HeldCertificate identity,
                                 CertificateAuthority ca, String protocol) throws IOException {
        SSLSocket socket = (SSLSocket) sslContext(identity, ca).getSocketFactory().createSocket();
        socket.bind(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
        socket.connect(server, 5_000);
        socket.setSoTimeout(10_000);
        SSLParameters params = socket.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        params.setApplicationProtocols(new String[] {"http/1.1"});
        if (protocol != null) {
            params.setProtocols(new String[] {protocol});
        }
        socket.setSSLParameters(params);
        socket.startHandshake();
        return new TlsTestClient(socket);
    }

    static SSLContext sslContext(HeldCertificate identity, CertificateAuthority ca) {
        try {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(identity.keyStore("client", PASSWORD), PASSWORD);
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", ca.certificate());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The TLS version negotiated, e.g. {@code TLSv1.3}. */
    String protocol() {
        return socket.getSession().getProtocol();
    }

    /** Sends {@code GET path} (keep-alive) and reads the answer. */
    Answer get(String path) throws IOException {
        return send("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    }

    /** Sends raw bytes and reads one answer. */
    Answer send(String raw) throws IOException {
        write(raw);
        return read();
    }

    void write(String raw) throws IOException {
        out.write(raw.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** Reads one HTTP/1.1 response with a Content-Length body. */
    Answer read() throws IOException {
        String statusLine = line();
        if (statusLine == null) {
            throw new IOException("connection closed before a response");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String h = line(); h != null && !h.isEmpty(); h = line()) {
            int colon = h.indexOf(':');
            headers.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        byte[] body = in.readNBytes(length);
        return new Answer(Integer.parseInt(statusLine.split(" ")[1]), headers, new String(body, StandardCharsets.UTF_8));
    }

    /** Reads one response with a Content-Length body (none to a HEAD), exactly as its bytes arrived. */
    byte[] readRaw(boolean head) throws IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        while (raw.size() < 4 || !raw.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("connection closed within a response's head: " + raw.toString(StandardCharsets.ISO_8859_1));
            }
            raw.write(c);
        }
        int length = 0;
        for (String line : raw.toString(StandardCharsets.ISO_8859_1).split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring("content-length:".length()).trim());
            }
        }
        raw.writeBytes(in.readNBytes(head ? 0 : length));
        return raw.toByteArray();
    }

    /** Whether the server closed the connection (end of stream or reset) within the socket timeout. */
    boolean closedByServer() {
        try {
            return in.read() < 0;
        } catch (IOException e) {
            return !(e instanceof java.net.SocketTimeoutException);
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                String s = buf.toString(StandardCharsets.ISO_8859_1);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            buf.write(c);
        }
        return buf.size() == 0 ? null : buf.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** One HTTP answer. */
    record Answer(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }
}

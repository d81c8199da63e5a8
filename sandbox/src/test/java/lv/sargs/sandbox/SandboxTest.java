package lv.sargs.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import lv.sargs.sandbox.TestHttpsClient.Response;
import lv.sargs.sandbox.data.WorldSize;
import lv.sargs.sandbox.fpr.FprSimulator;
import lv.sargs.testkit.CertificateAuthority;
import org.junit.jupiter.api.Test;

class SandboxTest {

    private static final SandboxOptions SMALL = SandboxOptions.defaults().withWorldSize(new WorldSize(100, 20, 2));

    @Test
    void servesManyRequestsOnOneKeptAliveConnection() throws Exception {
        try (Sandbox sandbox = Sandbox.start(SMALL)) {
            TestHttpsClient client = new TestHttpsClient(sandbox.defaultClientCertificate(), sandbox.caCertificate());
            Map<String, String> headers = new HashMap<>();
            headers.put("Authorization", "Bearer " + fprToken(sandbox, client));
            headers.put("X-DAGR-Permission", sandbox.fpr().permission());
            String path = "/fpr_person/v1/persons/" + sandbox.world().persons().get(0).personalCode();

            List<Response> responses = client.getKeepAlive(sandbox.fpr().baseUri(), List.of(path, path, path), headers);

            assertEquals(List.of(200, 200, 200), responses.stream().map(Response::status).toList());
            assertEquals(3, sandbox.fpr().calls().count(FprSimulator.PERSON));
        }
    }

    @Test
    void closeStopsListening() {
        URI viss;
        URI fpr;
        try (Sandbox sandbox = Sandbox.start(SMALL)) {
            viss = sandbox.viss().baseUri();
            fpr = sandbox.fpr().baseUri();
            assertEquals("127.0.0.1", viss.getHost());
        }
        assertThrows(ConnectException.class, () -> connect(viss));
        assertThrows(ConnectException.class, () -> connect(fpr));
    }

    @Test
    void issuesServerCertificatesFromAGivenCa() throws Exception {
        CertificateAuthority ca = CertificateAuthority.create("Gateway Test CA");
        try (Sandbox sandbox = Sandbox.start(SMALL.withCertificateAuthority(ca))) {
            TestHttpsClient client = new TestHttpsClient(sandbox.defaultClientCertificate(), ca.certificate());
            assertTrue(fprToken(sandbox, client).length() > 10);
        }
    }

    @Test
    void sameSeedServesTheSameWorld() {
        try (Sandbox a = Sandbox.start(SMALL.withSeed(5)); Sandbox b = Sandbox.start(SMALL.withSeed(5))) {
            assertEquals(a.world().persons(), b.world().persons());
            assertEquals(a.world().companies(), b.world().companies());
        }
    }

    private static void connect(URI uri) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 1_000);
        }
    }

    static String fprToken(Sandbox sandbox, TestHttpsClient client) throws IOException {
        Map<String, String> form = new HashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("client_id", sandbox.defaultClient().clientId());
        form.put("client_secret", new String(sandbox.defaultClient().clientSecret()));
        Response response = client.postForm(sandbox.fpr().baseUri(), "/token", form);
        assertEquals(200, response.status(), response.text());
        return response.json().path("access_token").asText();
    }
}

package lv.sargs.gateway.listener;

import static lv.sargs.gateway.listener.ListenerFixture.CORE_BANKING;
import static lv.sargs.gateway.listener.ListenerFixture.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import lv.sargs.gateway.config.Limits;
import lv.sargs.gateway.http.Response;
import org.junit.jupiter.api.Test;

/** The client listener answers clearly at every limit: sizes, time-outs, connections and requests in flight. */
class ClientListenerLimitsTest {
    @Test
    void answersOversizedHeadersWith431Problem() throws Exception {
        try (ListenerFixture f = new ListenerFixture();
             TlsTestClient client = f.connect("127.0.0.1", CORE_BANKING)) {
            TlsTestClient.Answer answer = client.send("GET /v1/whoami HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Filler: "
                    + "a".repeat(4096) + "\r\n\r\n");
            ListenerAnswers.assertProblem(answer, 431, "headers-too-large");
            assertTrue(client.closedByServer());
        }
    }

    @Test
    void answersOversizedBodyWith413Problem() throws Exception {
        try (ListenerFixture f = new ListenerFixture();
             TlsTestClient client = f.connect("127.0.0.1", CORE_BANKING)) {
            String small = client.send(ListenerAnswers.post("x".repeat(100))).body();
            assertEquals("{\"bytes\":100}", small);
            TlsTestClient.Answer answer = client.send(ListenerAnswers.post("x".repeat(5000)));
            ListenerAnswers.assertProblem(answer, 413, "body-too-large");
            assertTrue(client.closedByServer());
        }
    }

    @Test
    void answersOversizedChunkedBodyWith413Problem() throws Exception {
        try (ListenerFixture f = new ListenerFixture();
             TlsTestClient client = f.connect("127.0.0.1", CORE_BANKING)) {
            client.write("POST /v1/echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n");
            String chunk = "x".repeat(600);
            client.write(Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n");
            client.write(Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n");
            ListenerAnswers.assertProblem(client.read(), 413, "body-too-large");
            assertTrue(client.closedByServer());
        }
    }

    @Test
    void cutsOffStalledHandshake() throws Exception {
        try (ListenerFixture f = new ListenerFixture(List.of("127.0.0.1/32"),
                ListenerFixture.limits(Duration.ofMillis(300), 2))) {
            byte[] hello = ListenerAnswers.clientHello(f);
            for (byte[] sent : List.of(new byte[0], java.util.Arrays.copyOf(hello, hello.length / 2))) {
                try (Socket slow = new Socket()) {
                    slow.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
                    slow.connect(f.address, 5_000);
                    slow.setSoTimeout(5_000);
                    slow.getOutputStream().write(sent);
                    long start = System.nanoTime();
                    InputStream in = slow.getInputStream();
                    int first = in.read();
                    assertTrue(first != 0x16, "no TLS handshake record (ServerHello) came back");
                    ListenerAnswers.readAll(in);
                    assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(4), "closed near the handshake timeout");
                }
            }
            eventually(() -> f.refused("handshake-timeout") == 2);
        }
    }

    @Test
    void answers503WhenRequestsInFlightReachTheLimit() throws Exception {
        try (ListenerFixture f = new ListenerFixture();
             TlsTestClient a = f.connect("127.0.0.1", CORE_BANKING);
             TlsTestClient b = f.connect("127.0.0.1", CORE_BANKING);
             TlsTestClient c = f.connect("127.0.0.1", CORE_BANKING)) {
            a.write("GET /v1/held HTTP/1.1\r\nHost: a\r\n\r\n");
            b.write("GET /v1/held HTTP/1.1\r\nHost: a\r\n\r\n");
            eventually(() -> f.listener.inFlightRequests() == 2);
            TlsTestClient.Answer over = c.get("/v1/whoami");
            ListenerAnswers.assertProblem(over, 503, "overloaded");
            assertEquals("1", over.header("retry-after"));
            f.held.forEach(h -> h.complete(Response.json(java.util.Map.of())));
            assertEquals(200, a.read().status());
            assertEquals(200, b.read().status());
            assertEquals(200, c.get("/v1/whoami").status());
        }
    }

    @Test
    void closesKeepAliveConnectionIdleForTheIdleTimeout() throws Exception {
        Limits limits = new Limits(2048, 1024, Duration.ofMillis(300), Duration.ofSeconds(5), 4, 2, Duration.ofSeconds(5));
        try (ListenerFixture f = new ListenerFixture(List.of("127.0.0.1/32"), limits);
             TlsTestClient client = f.connect("127.0.0.1", CORE_BANKING)) {
            assertEquals(200, client.get("/v1/whoami").status());
            long start = System.nanoTime();
            assertTrue(client.closedByServer());
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(4));
        }
    }

    @Test
    void answers504WhenRouteMissesTheRequestDeadline() throws Exception {
        Limits limits = new Limits(2048, 1024, Duration.ofSeconds(5), Duration.ofSeconds(5), 4, 2, Duration.ofMillis(200));
        try (ListenerFixture f = new ListenerFixture(List.of("127.0.0.1/32"), limits);
             TlsTestClient client = f.connect("127.0.0.1", CORE_BANKING)) {
            ListenerAnswers.assertProblem(client.get("/v1/held"), 504, "deadline-exceeded");
            eventually(() -> f.listener.inFlightRequests() == 0);
            f.held.poll().complete(Response.json(java.util.Map.of()));
            assertEquals(200, client.get("/v1/whoami").status(), "a late result is dropped, the connection goes on");
        }
    }

    @Test
    void answersOversizedHttp2HeadersWith431Problem() throws Exception {
        try (ListenerFixture f = new ListenerFixture();
             Http2TestClient client = Http2TestClient.connect(f.address, CORE_BANKING, ListenerFixture.CA)) {
            assertEquals(200, client.get("/v1/whoami").status());
            client.ignoreServerHeaderLimit();
            // Over the 2048-byte limit, under Netty's 1.25x GOAWAY threshold.
            ListenerAnswers.assertProblem(client.get("/v1/whoami", java.util.Map.of("x-filler", "a".repeat(2200))), 431, "headers-too-large");
            assertEquals(200, client.get("/v1/whoami").status(), "the connection goes on");
        }
    }

    @Test
    void refusesConnectionsOverThePerSourceLimit() throws Exception {
        try (ListenerFixture f = new ListenerFixture()) {
            Socket[] open = new Socket[4];
            try {
                for (int i = 0; i < open.length; i++) {
                    open[i] = new Socket();
                    open[i].connect(f.address, 5_000);
                }
                eventually(() -> f.listener.openConnections() == 4);
                try (Socket fifth = new Socket()) {
                    fifth.connect(f.address, 5_000);
                    fifth.setSoTimeout(5_000);
                    assertEquals(0, ListenerAnswers.readAll(fifth.getInputStream()));
                }
                eventually(() -> f.refused("per-source-limit") == 1);
            } finally {
                for (Socket s : open) {
                    if (s != null) {
                        s.close();
                    }
                }
            }
        }
    }
}

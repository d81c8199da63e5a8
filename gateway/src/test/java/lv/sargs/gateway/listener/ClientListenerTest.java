package lv.sargs.gateway.listener;

import static lv.sargs.gateway.listener.ListenerFixture.BRANCH;
import static lv.sargs.gateway.listener.ListenerFixture.CORE_BANKING;
import static lv.sargs.gateway.listener.ListenerFixture.UNDECLARED;
import static lv.sargs.gateway.listener.ListenerFixture.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import lv.sargs.gateway.config.ThreadsConfig;
import lv.sargs.gateway.http.Json;
import lv.sargs.gateway.http.Response;
import lv.sargs.gateway.threads.ThreadPools;
import lv.sargs.gateway.tls.CertificateFingerprint;
import org.junit.jupiter.api.Test;

class ClientListenerTest {

    @Test
    void closesConnectionFromOutsideAllowListWithoutTls() throws Exception {
        try (ListenerFixture f = new ListenerFixture(List.of("127.0.0.1/32"), ListenerFixture.limits(Duration.ofSeconds(5), 2))) {
            try (Socket stranger = new Socket()) {
                stranger.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0));
                stranger.connect(f.address, 5_000);
                stranger.setSoTimeout(5_000);
                stranger.getOutputStream().write(ListenerAnswers.clientHello(f));
                assertEquals(0, ListenerAnswers.readAll(stranger.getInputStream()), "no byte (no ServerHello) came back");
            }
            eventually(() -> f.refused("allow-list") == 1);
            try (Socket allowed = new Socket()) {
                // The control: the same bytes from an allowed source do get a ServerHello.
                allowed.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
                allowed.connect(f.address, 5_000);
                allowed.setSoTimeout(5_000);
                allowed.getOutputStream().write(ListenerAnswers.clientHello(f));
                assertEquals(0x16, allowed.getInputStream().read(), "a TLS handshake record came back");
            }
            try (TlsTestClient client = f.connect("127.0.0.1", CORE_BANKING)) {
                assertEquals(200, client.get("/v1/whoami").status());
            }
        }
    }

    @Test
    void servesDeclaredClientFromInsideItsSources() throws Exception {
        try (ListenerFixture f = new ListenerFixture();
             TlsTestClient client = f.connect("127.0.0.2", BRANCH)) {
            TlsTestClient.Answer answer = client.get("/v1/whoami");
            assertEquals(200, answer.status());
            assertEquals("application/json", answer.header("content-type"));
            JsonNode body = Json.MAPPER.readTree(answer.body());
            assertEquals("branch", body.get("name").asText());
            assertEquals("127.0.0.2", body.get("source").asText());
        }
    }

    @Test
    void refusesDeclaredClientOutsideItsSources() throws Exception {
        try (ListenerFixture f = new ListenerFixture();
             TlsTestClient client = f.connect("127.0.0.1", BRANCH)) {
            TlsTestClient.Answer answer = client.get("/v1/whoami");
            ListenerAnswers.assertProblem(answer, 403, "client-outside-sources");
            assertTrue(ListenerAnswers.problem(answer).get("detail").asText().contains("127.0.0.1"));
            assertTrue(client.closedByServer());
            assertEquals(1, f.refused("client-outside-sources"));
        }
    }

    @Test
    void refusesUndeclaredCertificateNamingItsFingerprint() throws Exception {
        try (ListenerFixture f = new ListenerFixture();
             TlsTestClient client = f.connect("127.0.0.1", UNDECLARED)) {
            // TLS 1.3: the client finished its handshake before the server judged the certificate; the answer tells.
            TlsTestClient.Answer answer = client.get("/v1/whoami");
            ListenerAnswers.assertProblem(answer, 403, "client-not-declared");
            String detail = ListenerAnswers.problem(answer).get("detail").asText();
            assertTrue(detail.contains(CertificateFingerprint.format(CertificateFingerprint.sha256(UNDECLARED.certificate()))), detail);
            assertTrue(detail.contains("CN=stranger"), detail);
            assertTrue(client.closedByServer());
            assertEquals(1, f.refused("client-not-declared"));
        }
    }

    @Test
    void refusesCertificateFromAnotherCaInTheHandshake() throws Exception {
        lv.sargs.testkit.CertificateAuthority other = lv.sargs.testkit.CertificateAuthority.create("Other CA");
        try (ListenerFixture f = new ListenerFixture()) {
            assertThrows(IOException.class, () -> {
                try (TlsTestClient client = TlsTestClient.connect(f.address, "127.0.0.1",
                        other.issue("core-banking").client().build(), ListenerFixture.CA)) {
                    client.get("/v1/whoami");
                }
            });
            eventually(() -> f.refused("handshake-failed") == 1);
        }
    }

    @Test
    void closesConnectionWhenTheClientAsksTo() throws Exception {
        try (ListenerFixture f = new ListenerFixture();
             TlsTestClient client = f.connect("127.0.0.1", CORE_BANKING)) {
            TlsTestClient.Answer answer = client.send("GET /v1/whoami HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
            assertEquals(200, answer.status());
            assertEquals("close", answer.header("connection"));
            assertTrue(client.closedByServer());
        }
    }

    @Test
    void keepsHttp11ConnectionAliveAcrossRequests() throws Exception {
        try (ListenerFixture f = new ListenerFixture();
             TlsTestClient client = f.connect("127.0.0.1", CORE_BANKING)) {
            assertEquals(200, client.get("/v1/whoami").status());
            TlsTestClient.Answer second = client.get("/v1/companies/40003521600");
            assertEquals(200, second.status());
            assertEquals("{\"regNo\":\"40003521600\"}", second.body());
            assertEquals(1, f.listener.openConnections());
        }
    }

    @Test
    void answersPipelinedRequestsInOrder() throws Exception {
        try (ListenerFixture f = new ListenerFixture();
             TlsTestClient client = f.connect("127.0.0.1", CORE_BANKING)) {
            client.write("GET /v1/held HTTP/1.1\r\nHost: a\r\n\r\nGET /v1/whoami HTTP/1.1\r\nHost: a\r\n\r\n");
            eventually(() -> f.held.size() == 1);
            f.held.peek().complete(Response.json(java.util.Map.of("first", true)));
            assertEquals("{\"first\":true}", client.read().body());
            assertTrue(client.read().body().contains("core-banking"));
        }
    }

    @Test
    void servesHttp2NegotiatedByAlpn() throws Exception {
        try (ListenerFixture f = new ListenerFixture();
             Http2TestClient client = Http2TestClient.connect(f.address, CORE_BANKING, ListenerFixture.CA)) {
            TlsTestClient.Answer whoami = client.get("/v1/whoami");
            assertEquals(200, whoami.status());
            assertEquals("core-banking", Json.MAPPER.readTree(whoami.body()).get("name").asText());
            ListenerAnswers.assertProblem(client.get("/v1/nothing"), 404, "not-found");
            assertEquals(200, client.get("/v1/companies/40003521600").status(), "further streams on the same connection");
            assertEquals(1, f.listener.openConnections());
        }
    }

    @Test
    void answersUnknownRouteWith404ProblemAndRequestId() throws Exception {
        try (ListenerFixture f = new ListenerFixture();
             TlsTestClient client = f.connect("127.0.0.1", CORE_BANKING)) {
            TlsTestClient.Answer generated = client.get("/v1/nothing");
            ListenerAnswers.assertProblem(generated, 404, "not-found");
            assertEquals(generated.header("x-request-id"), ListenerAnswers.problem(generated).get("requestId").asText());
            TlsTestClient.Answer echoed = client.send("GET /v1/nothing HTTP/1.1\r\nHost: a\r\nX-Request-Id: core-42\r\n\r\n");
            assertEquals("core-42", echoed.header("x-request-id"));
            TlsTestClient.Answer replaced = client.send("GET /v1/nothing HTTP/1.1\r\nHost: a\r\nX-Request-Id: a b<c>\r\n\r\n");
            assertFalse(replaced.header("x-request-id").contains("<"));
            TlsTestClient.Answer wrongMethod = client.send("DELETE /v1/whoami HTTP/1.1\r\nHost: a\r\n\r\n");
            ListenerAnswers.assertProblem(wrongMethod, 405, "method-not-allowed");
            assertEquals("GET", wrongMethod.header("allow"));
        }
    }

    @Test
    void answersRouteRequiringAnotherRoleWith403() throws Exception {
        try (ListenerFixture f = new ListenerFixture();
             TlsTestClient client = f.connect("127.0.0.2", BRANCH)) {
            ListenerAnswers.assertProblem(client.get("/v1/companies/40003521600"), 403, "role-required");
            assertEquals(200, client.get("/v1/whoami").status());
        }
    }

    @Test
    void neverShowsStackTraceOrInternalNames() throws Exception {
        try (ListenerFixture f = new ListenerFixture();
             TlsTestClient client = f.connect("127.0.0.1", CORE_BANKING)) {
            TlsTestClient.Answer answer = client.get("/v1/boom");
            ListenerAnswers.assertProblem(answer, 500, "internal-error");
            for (String leak : List.of("lv.sargs", "Exception", "SecretThing", "exploded", "\tat ", "line 42")) {
                assertFalse(answer.body().contains(leak), "body leaks " + leak + ": " + answer.body());
            }
            assertEquals(200, client.get("/v1/whoami").status());
        }
    }

    @Test
    void shutdownLetsRequestInFlightFinish() throws Exception {
        ListenerFixture f = new ListenerFixture();
        try (TlsTestClient client = f.connect("127.0.0.1", CORE_BANKING);
             TlsTestClient idle = f.connect("127.0.0.1", CORE_BANKING)) {
            assertEquals(200, idle.get("/v1/whoami").status());
            client.write("GET /v1/held HTTP/1.1\r\nHost: a\r\n\r\n");
            eventually(() -> f.held.size() == 1);
            CompletableFuture<Boolean> drained = CompletableFuture.supplyAsync(() -> f.listener.shutdown(Duration.ofSeconds(5)));
            assertTrue(idle.closedByServer(), "idle keep-alive connection closed at once");
            eventually(() -> {
                try (Socket s = new Socket()) {
                    s.connect(f.address, 1_000);
                    return false;
                } catch (ConnectException e) {
                    return true;
                } catch (IOException e) {
                    return false;
                }
            });
            assertFalse(drained.isDone());
            f.held.poll().complete(Response.json(java.util.Map.of("done", true)));
            TlsTestClient.Answer answer = client.read();
            assertEquals(200, answer.status());
            assertEquals("close", answer.header("connection"));
            assertTrue(drained.get(5, TimeUnit.SECONDS));
        } finally {
            f.close();
        }
    }

    @Test
    void refusesUndeclaredClientOverHttp2Too() throws Exception {
        try (ListenerFixture f = new ListenerFixture();
             Http2TestClient client = Http2TestClient.connect(f.address, UNDECLARED, ListenerFixture.CA)) {
            ListenerAnswers.assertProblem(client.get("/v1/whoami"), 403, "client-not-declared");
            eventually(() -> !client.isOpen());
            assertEquals(1, f.refused("client-not-declared"));
        }
    }

    @Test
    void shutdownLetsHttp2StreamInFlightFinish() throws Exception {
        ListenerFixture f = new ListenerFixture();
        try (Http2TestClient client = Http2TestClient.connect(f.address, CORE_BANKING, ListenerFixture.CA)) {
            CompletableFuture<TlsTestClient.Answer> answer = CompletableFuture.supplyAsync(() -> {
                try {
                    return client.get("/v1/held");
                } catch (Exception e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            });
            eventually(() -> f.held.size() == 1);
            CompletableFuture<Boolean> drained = CompletableFuture.supplyAsync(() -> f.listener.shutdown(Duration.ofSeconds(5)));
            Thread.sleep(100);
            assertFalse(drained.isDone(), "waits for the open stream");
            f.held.poll().complete(Response.json(java.util.Map.of("done", true)));
            assertEquals(200, answer.get(5, TimeUnit.SECONDS).status());
            assertTrue(drained.get(5, TimeUnit.SECONDS));
            eventually(() -> !client.isOpen());
        } finally {
            f.close();
        }
    }

    @Test
    void runsOnSharedEventLoopsAndLeavesThemToTheirOwner() throws Exception {
        io.netty.channel.EventLoopGroup shared = new io.netty.channel.MultiThreadIoEventLoopGroup(1,
                io.netty.channel.nio.NioIoHandler.newFactory());
        try {
            ListenerFixture f = new ListenerFixture();
            ClientListener onShared = new ClientListener(f.config, f.clients, ListenerFixture.keyManager(ListenerFixture.SERVER),
                    f.router, f.metrics, new ThreadPools(f.metrics), ThreadsConfig.defaults().tlsHandshakes());
            try {
                InetSocketAddress address = onShared.start(shared, shared, io.netty.channel.socket.nio.NioServerSocketChannel.class);
                try (TlsTestClient client = TlsTestClient.connect(address, "127.0.0.1", CORE_BANKING, ListenerFixture.CA)) {
                    assertEquals(200, client.get("/v1/whoami").status());
                }
                ListenerException again = assertThrows(ListenerException.class, onShared::start);
                assertEquals(ListenerException.Code.ALREADY_STARTED, again.code());
            } finally {
                assertTrue(onShared.shutdown(Duration.ofSeconds(2)));
                f.close();
            }
            assertFalse(shared.isShuttingDown(), "the owner's event loops keep running");
        } finally {
            shared.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).sync();
        }
    }

    @Test
    void presentsServerKeyOffTheEventLoop() throws Exception {
        ListenerFixture f = new ListenerFixture();
        RecordingKeyManager keys = new RecordingKeyManager(ListenerFixture.keyManager(ListenerFixture.SERVER));
        ClientListener recorded = new ClientListener(f.config, f.clients, keys, f.router, f.metrics,
                new ThreadPools(f.metrics), ThreadsConfig.defaults().tlsHandshakes());
        try {
            InetSocketAddress address = recorded.start();
            try (TlsTestClient client = TlsTestClient.connect(address, "127.0.0.1", CORE_BANKING, ListenerFixture.CA)) {
                assertEquals(200, client.get("/v1/whoami").status());
            }
            assertFalse(keys.keyThreads.isEmpty());
            for (String thread : keys.keyThreads) {
                assertTrue(thread.startsWith("sargs-tls-handshake-"), "key used on " + thread + " (an event loop must never wait for the token)");
            }
        } finally {
            assertTrue(recorded.shutdown(Duration.ofSeconds(2)));
            f.close();
        }
    }
}

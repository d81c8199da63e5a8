package lv.sargs.gateway.treasury.ekase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import lv.sargs.gateway.treasury.xml.SafeXml;
import lv.sargs.gateway.treasury.xml.XmlLimits;
import lv.sargs.gateway.upstream.ScriptedHttpsServer;
import lv.sargs.gateway.upstream.UpstreamFixture;
import lv.sargs.testkit.CertificateAuthority;
import lv.sargs.testkit.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UpstreamEkaseAdapterTest {

    private static final String PAIN_002 = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.002.001.03">
              <CstmrPmtStsRpt>
                <GrpHdr><MsgId>EKASE-1</MsgId><CreDtTm>2026-11-21T10:00:00</CreDtTm></GrpHdr>
                <OrgnlGrpInfAndSts>
                  <OrgnlMsgId>SRG-1</OrgnlMsgId><OrgnlMsgNmId>pain.001.001.03</OrgnlMsgNmId><GrpSts>ACCP</GrpSts>
                </OrgnlGrpInfAndSts>
              </CstmrPmtStsRpt>
            </Document>
            """;
    private static final byte[] PAIN_001 = "<Document/>".getBytes(StandardCharsets.UTF_8);
    private static final char[] PASSWORD = "manage-secret".toCharArray();

    private final UpstreamFixture fixture = new UpstreamFixture();
    private final List<String> seen = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeFixture() throws Exception {
        fixture.close();
    }

    private UpstreamEkaseAdapter adapter(URI uri, EkaseMode mode, Duration requestTimeout) {
        EkaseSettings settings = new EkaseSettings(uri, List.of(fixture.upstreamCa.certificate()), "sargs-manage",
                PASSWORD, mode, Duration.ofSeconds(2), requestTimeout);
        return new UpstreamEkaseAdapter(fixture.client(fixture.settings("ekase", uri)), settings,
                new SafeXml(XmlLimits.TREASURY), Clock.systemUTC());
    }

    private UpstreamEkaseAdapter adapter(ScriptedHttpsServer server) {
        return adapter(server.uri(), EkaseMode.MANAGE, Duration.ofSeconds(2));
    }

    private void record(FullHttpRequest request) {
        seen.add(request.method() + " " + request.uri() + " " + request.headers().get(HttpHeaderNames.AUTHORIZATION)
                + " " + request.headers().get(HttpHeaderNames.CONTENT_TYPE) + " "
                + request.content().toString(StandardCharsets.UTF_8));
    }

    private static void pain002(ScriptedHttpsServer.Reply reply) {
        reply.send(200, "application/xml", PAIN_002.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    @Test
    void postsPain001WithBasicCredentialsAndReadsThePain002() throws Exception {
        ScriptedHttpsServer server = fixture.server((request, reply) -> {
            record(request);
            pain002(reply);
        });
        SubmitResult result = adapter(server).submit(PAIN_001, "SRG-1");
        assertEquals("SRG-1", result.report().originalMsgId());
        assertEquals("ACCP", result.report().status());
        String basic = "Basic " + Base64.getEncoder().encodeToString("sargs-manage:manage-secret"
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("POST /payments " + basic + " application/xml <Document/>"), seen);
    }

    @Test
    void asksStatusByMsgIdAndTreats404AsNeverReceived() throws Exception {
        ScriptedHttpsServer server = fixture.server((request, reply) -> {
            record(request);
            if (request.uri().endsWith("SRG-1")) {
                pain002(reply);
            } else {
                reply.send(404, "text/plain", new byte[0], Map.of());
            }
        });
        UpstreamEkaseAdapter ekase = adapter(server);
        assertEquals("ACCP", ekase.status("SRG-1").orElseThrow().status());
        assertTrue(ekase.status("SRG-2").isEmpty());
        assertTrue(seen.get(0).startsWith("GET /payments/SRG-1 Basic "), seen.get(0));
    }

    @Test
    void retriesAStatusGetAfterAReset() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        ScriptedHttpsServer server = fixture.server((request, reply) -> {
            if (calls.incrementAndGet() == 1) {
                reply.reset();
            } else {
                pain002(reply);
            }
        });
        assertEquals("ACCP", adapter(server).status("SRG-1").orElseThrow().status());
        assertEquals(2, server.requests());
    }

    @Test
    void neverResendsAPaymentAfterAReset() throws Exception {
        ScriptedHttpsServer server = fixture.server((request, reply) -> reply.reset());
        EkaseException e = assertThrows(EkaseException.class, () -> adapter(server).submit(PAIN_001, "SRG-1"));
        assertEquals(EkaseException.Code.UNAVAILABLE, e.code());
        assertTrue(e.getMessage().contains("CONNECTION_RESET"), e.getMessage());
        assertEquals(1, server.requests());
    }

    @Test
    void neverResendsAPaymentAfterA5xx() throws Exception {
        ScriptedHttpsServer server = fixture.server((request, reply) ->
                reply.send(503, "text/plain", "busy".getBytes(StandardCharsets.UTF_8), Map.of()));
        EkaseException e = assertThrows(EkaseException.class, () -> adapter(server).submit(PAIN_001, "SRG-1"));
        assertEquals(EkaseException.Code.UNAVAILABLE, e.code());
        assertTrue(e.getMessage().contains("SERVER_ERROR"), e.getMessage());
        assertEquals(1, server.requests());
    }

    @Test
    void failsASlowAnswerAtTheDeadline() throws Exception {
        ScriptedHttpsServer server = fixture.server((request, reply) -> reply.stall());
        UpstreamEkaseAdapter ekase = adapter(server.uri(), EkaseMode.MANAGE, Duration.ofMillis(300));
        long start = System.nanoTime();
        EkaseException e = assertThrows(EkaseException.class, () -> ekase.status("SRG-1"));
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(EkaseException.Code.UNAVAILABLE, e.code());
        assertTrue(e.getMessage().contains("DEADLINE_EXCEEDED"), e.getMessage());
        assertTrue(tookMillis < 1_500, "took " + tookMillis + " ms for a 300 ms budget");
    }

    /** A truncated pain.002 fails that call only; the next answer is read as usual. */
    @Test
    void rejectsAMalformedBodyWithAClearError() throws Exception {
        ScriptedHttpsServer server = fixture.server((request, reply) ->
                reply.send(200, "application/xml", PAIN_002.substring(0, 200).getBytes(StandardCharsets.UTF_8), Map.of()));
        UpstreamEkaseAdapter ekase = adapter(server);
        EkaseException e = assertThrows(EkaseException.class, () -> ekase.status("SRG-1"));
        assertEquals(EkaseException.Code.MALFORMED_ANSWER, e.code());
        assertTrue(e.getMessage().startsWith("eKase answer: "), e.getMessage());
        server.script((request, reply) -> pain002(reply));
        assertEquals("ACCP", ekase.status("SRG-1").orElseThrow().status());
    }

    @Test
    void mapsRefusedCredentialsToUnauthorized() throws Exception {
        ScriptedHttpsServer server = fixture.server((request, reply) ->
                reply.send(401, "text/plain", "wrong password".getBytes(StandardCharsets.UTF_8), Map.of()));
        EkaseException e = assertThrows(EkaseException.class, () -> adapter(server).status("SRG-1"));
        assertEquals(EkaseException.Code.UNAUTHORIZED, e.code());
        assertFalse(e.getMessage().contains("manage-secret"), e.getMessage());
    }

    @Test
    void refusesAnExpiredServerCertificate() throws Exception {
        HeldCertificate expired = fixture.upstreamCa.issue("ekase.test").server("127.0.0.1")
                .validity(Instant.now().minus(Duration.ofDays(30)), Instant.now().minus(Duration.ofDays(1))).build();
        ScriptedHttpsServer server = fixture.server(expired, (request, reply) -> pain002(reply));
        EkaseException e = assertThrows(EkaseException.class, () -> adapter(server).status("SRG-1"));
        assertEquals(EkaseException.Code.UNAVAILABLE, e.code());
        assertTrue(e.getMessage().contains("TLS_REFUSED"), e.getMessage());
        assertEquals(0, server.requests());
    }

    @Test
    void refusesAServerOutsideTheConfiguredTrust() throws Exception {
        HeldCertificate stranger = CertificateAuthority.create("Some Other CA").issue("ekase.test").server("127.0.0.1")
                .build();
        ScriptedHttpsServer server = fixture.server(stranger, (request, reply) -> pain002(reply));
        EkaseException e = assertThrows(EkaseException.class, () -> adapter(server).submit(PAIN_001, "SRG-1"));
        assertEquals(EkaseException.Code.UNAVAILABLE, e.code());
        assertTrue(e.getMessage().contains("TLS_REFUSED"), e.getMessage());
        assertEquals(0, server.requests());
    }

    @Test
    void refusesAPaymentInViewModeWithoutSendingIt() throws Exception {
        ScriptedHttpsServer server = fixture.server((request, reply) -> pain002(reply));
        UpstreamEkaseAdapter ekase = adapter(server.uri(), EkaseMode.VIEW, Duration.ofSeconds(2));
        EkaseException e = assertThrows(EkaseException.class, () -> ekase.submit(PAIN_001, "SRG-1"));
        assertEquals(EkaseException.Code.VIEW_MODE, e.code());
        assertEquals(0, server.requests());
    }

    @Test
    void keepsOneConnectionForManyCalls() throws Exception {
        ScriptedHttpsServer server = fixture.server((request, reply) -> pain002(reply));
        UpstreamEkaseAdapter ekase = adapter(server);
        for (int i = 0; i < 20; i++) {
            ekase.status("SRG-1");
        }
        assertEquals(1, server.handshakes());
    }
}

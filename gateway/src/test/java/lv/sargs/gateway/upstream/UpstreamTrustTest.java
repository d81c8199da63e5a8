package lv.sargs.gateway.upstream;

import lv.sargs.gateway.upstream.core.UpstreamTls;
import lv.sargs.gateway.upstream.core.UpstreamSettings;
import lv.sargs.gateway.upstream.core.UpstreamRequest;
import lv.sargs.gateway.upstream.core.UpstreamException;
import lv.sargs.gateway.upstream.core.Phase;
import lv.sargs.gateway.upstream.core.Deadline;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import lv.sargs.gateway.upstream.core.UpstreamException.Code;
import lv.sargs.gateway.upstream.http.SpkiPins;
import lv.sargs.testkit.CertificateAuthority;
import lv.sargs.testkit.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpstreamTrustTest {

    private static final Duration BUDGET = Duration.ofSeconds(5);
    private final UpstreamFixture fixture = new UpstreamFixture();

    @AfterEach
    void close() throws Exception {
        fixture.close();
    }

    private static UpstreamException failure(CompletableFuture<?> call) {
        CompletionException e = assertThrows(CompletionException.class, call::join);
        return (UpstreamException) e.getCause();
    }

    private UpstreamSettings withPins(UpstreamSettings s, List<String> pins) {
        return new UpstreamSettings(s.name(), s.baseUri(),
                new UpstreamTls(s.tls().trustedCas(), pins, s.tls().clientKey(), s.tls().handshakeTimeout()),
                s.pool(), s.breaker(), s.retry());
    }

    @Test
    void refusesAnExpiredServerCertificate() throws Exception {
        HeldCertificate expired = fixture.upstreamCa.issue("upstream.test").server("127.0.0.1")
                .validity(Instant.now().minus(Duration.ofDays(30)), Instant.now().minus(Duration.ofDays(1))).build();
        var server = fixture.server(expired, (request, reply) -> reply.json(200, "{}"));
        var client = fixture.client(fixture.settings("viss", server.uri()));

        UpstreamException e = failure(client.call(UpstreamRequest.get("/"), Deadline.after(BUDGET)));

        assertEquals(Code.TLS_REFUSED, e.code(), e.getMessage());
        assertEquals(Phase.HANDSHAKE, e.phase());
        assertTrue(e.getMessage().contains("NotAfter") || e.getMessage().contains("validity"), e.getMessage());
        assertEquals(0, server.requests());
    }

    @Test
    void refusesAServerOutsideTheConfiguredTrust() throws Exception {
        CertificateAuthority stranger = CertificateAuthority.create("Not The Upstream CA");
        var server = fixture.server(stranger.issue("upstream.test").server("127.0.0.1").build(),
                (request, reply) -> reply.json(200, "{}"));
        var client = fixture.client(fixture.settings("viss", server.uri()));

        UpstreamException e = failure(client.call(UpstreamRequest.get("/"), Deadline.after(BUDGET)));

        assertEquals(Code.TLS_REFUSED, e.code(), e.getMessage());
        assertTrue(e.getMessage().contains("certification path"), e.getMessage());
        assertEquals(0, server.requests());
        assertEquals(1, fixture.counter("sargs_upstream_tls_handshake_failures_total", "upstream=\"viss\""));
    }

    @Test
    void refusesAServerCertificateForAnotherHost() throws Exception {
        var server = fixture.server(fixture.upstreamCa.issue("elsewhere").server("elsewhere.test", "127.0.0.2").build(),
                (request, reply) -> reply.json(200, "{}"));
        var client = fixture.client(fixture.settings("viss", server.uri()));

        UpstreamException e = failure(client.call(UpstreamRequest.get("/"), Deadline.after(BUDGET)));

        assertEquals(Code.TLS_REFUSED, e.code(), e.getMessage());
        assertTrue(e.getMessage().contains("127.0.0.1"), e.getMessage());
    }

    @Test
    void refusesAPinMismatchListingPeerAndConfiguredPins() throws Exception {
        HeldCertificate certificate = fixture.serverCertificate();
        var server = fixture.server(certificate, (request, reply) -> reply.json(200, "{}"));
        String configured = SpkiPins.of(CertificateAuthority.create("Other").certificate());
        var client = fixture.client(withPins(fixture.settings("viss", server.uri()), List.of(configured)));

        UpstreamException e = failure(client.call(UpstreamRequest.get("/"), Deadline.after(BUDGET)));

        assertEquals(Code.PIN_MISMATCH, e.code());
        assertTrue(e.getMessage().contains(configured), e.getMessage());
        assertTrue(e.getMessage().contains(SpkiPins.of(certificate.certificate())), e.getMessage());
        assertEquals(0, server.requests());
    }

    @Test
    void acceptsAServerWhoseChainMatchesAPin() throws Exception {
        var server = fixture.server((request, reply) -> reply.json(200, "{}"));
        String caPin = SpkiPins.of(fixture.upstreamCa.certificate());
        String leafPinOfAnother = SpkiPins.of(fixture.serverCertificate().certificate());
        var client = fixture.client(withPins(fixture.settings("viss", server.uri()), List.of(leafPinOfAnother, caPin)));

        assertEquals(200, client.call(UpstreamRequest.get("/"), Deadline.after(BUDGET)).join().status());
    }

    @Test
    void readsTheTrustedCasFromAPemFile(@TempDir Path dir) throws Exception {
        Path bundle = dir.resolve("viss-ca.pem");
        Files.writeString(bundle, fixture.upstreamCa.certificatePem() + fixture.clientCa.certificatePem());
        Files.writeString(dir.resolve("empty.pem"), "");

        assertEquals(List.of(fixture.upstreamCa.certificate(), fixture.clientCa.certificate()),
                UpstreamTls.readCertificates(bundle));
        var e = assertThrows(IllegalArgumentException.class, () -> UpstreamTls.readCertificates(dir.resolve("empty.pem")));
        assertTrue(e.getMessage().startsWith("tls.trustedCas: " + dir.resolve("empty.pem")), e.getMessage());
    }

    @Test
    void refusesAMalformedPinAtConfiguration() {
        var e = assertThrows(IllegalArgumentException.class, () -> new UpstreamTls(
                List.of(fixture.upstreamCa.certificate()), List.of("sha1/abc"), fixture.clientKey, BUDGET));
        assertEquals("tls.spkiPins[0]: sha1/abc (expected: sha256/ followed by 44 base64 characters)", e.getMessage());
    }
}

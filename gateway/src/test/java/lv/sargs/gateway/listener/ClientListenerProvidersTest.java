package lv.sargs.gateway.listener;

import static lv.sargs.gateway.listener.ListenerFixture.CORE_BANKING;
import static lv.sargs.gateway.listener.ListenerFixture.UNDECLARED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.handler.ssl.OpenSsl;
import java.io.IOException;
import lv.sargs.gateway.config.TlsProvider;
import lv.sargs.gateway.http.Json;
import lv.sargs.hsm.KeySpec;
import lv.sargs.hsm.SignatureAlgorithm;
import lv.sargs.hsm.demo.DemoToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The client listener behaves the same with either TLS provider, its server key on a (demo) token. */
class ClientListenerProvidersTest {

    private static ListenerFixture fixture(TlsProvider provider, SignCountingToken token, KeySpec key) throws Exception {
        if (provider == TlsProvider.OPENSSL) {
            assumeTrue(OpenSsl.isAvailable(), () -> "BoringSSL unavailable: " + OpenSsl.unavailabilityCause());
        }
        return new ListenerFixture(provider, token, key);
    }

    private static SignCountingToken token() {
        return new SignCountingToken(DemoToken.create());
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void servesDeclaredClientOverMutualTls13(TlsProvider provider) throws Exception {
        try (ListenerFixture f = fixture(provider, token(), KeySpec.EC_P256);
             TlsTestClient client = f.connect("127.0.0.1", CORE_BANKING, "TLSv1.3")) {
            assertEquals("TLSv1.3", client.protocol());
            TlsTestClient.Answer answer = client.get("/v1/whoami");
            assertEquals(200, answer.status());
            assertEquals("core-banking", Json.MAPPER.readTree(answer.body()).get("name").asText());
            assertEquals(provider, f.listener.tlsProvider().provider(), f.listener.tlsProvider().description());
            assertTrue(!f.listener.tlsProvider().fallback(), "served as configured");
        }
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void servesDeclaredClientOverMutualTls12(TlsProvider provider) throws Exception {
        try (ListenerFixture f = fixture(provider, token(), KeySpec.EC_P256);
             TlsTestClient client = f.connect("127.0.0.1", CORE_BANKING, "TLSv1.2")) {
            assertEquals("TLSv1.2", client.protocol());
            assertEquals(200, client.get("/v1/whoami").status());
        }
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void refusesUndeclaredClient(TlsProvider provider) throws Exception {
        try (ListenerFixture f = fixture(provider, token(), KeySpec.EC_P256);
             TlsTestClient client = f.connect("127.0.0.1", UNDECLARED, "TLSv1.3")) {
            assertEquals(403, client.get("/v1/whoami").status());
            assertTrue(client.closedByServer());
            assertEquals(1, f.refused("client-not-declared"));
        }
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void refusesCertificateFromAnotherCaInTheHandshake(TlsProvider provider) throws Exception {
        lv.sargs.testkit.CertificateAuthority other = lv.sargs.testkit.CertificateAuthority.create("Other CA");
        try (ListenerFixture f = fixture(provider, token(), KeySpec.EC_P256)) {
            assertThrows(IOException.class, () -> {
                try (TlsTestClient client = TlsTestClient.connect(f.address, "127.0.0.1",
                        other.issue("core-banking").client().build(), ListenerFixture.CA)) {
                    client.get("/v1/whoami");
                }
            });
            ListenerFixture.eventually(() -> f.refused("handshake-failed") == 1);
        }
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void servesHttp2NegotiatedByAlpn(TlsProvider provider) throws Exception {
        try (ListenerFixture f = fixture(provider, token(), KeySpec.EC_P256);
             Http2TestClient client = Http2TestClient.connect(f.address, CORE_BANKING, ListenerFixture.CA)) {
            assertEquals(200, client.get("/v1/whoami").status());
            assertEquals(200, client.get("/v1/companies/40003521600").status(), "a further stream");
        }
    }

    @Test
    void openSslSignsTheHandshakeOnTheTokenWithEcdsa() throws Exception {
        SignCountingToken token = token();
        try (ListenerFixture f = fixture(TlsProvider.OPENSSL, token, KeySpec.EC_P256)) {
            for (String protocol : new String[] {"TLSv1.3", "TLSv1.2"}) {
                try (TlsTestClient client = f.connect("127.0.0.1", CORE_BANKING, protocol)) {
                    assertEquals(200, client.get("/v1/whoami").status());
                }
            }
            assertEquals(2, token.signatures.get(), "one token signature per full handshake");
            assertEquals(SignatureAlgorithm.SHA256_WITH_ECDSA, token.lastAlgorithm);
        }
    }

    @Test
    void openSslSignsTheHandshakeOnTheTokenWithRsaPss() throws Exception {
        SignCountingToken token = token();
        try (ListenerFixture f = fixture(TlsProvider.OPENSSL, token, KeySpec.RSA_2048);
             TlsTestClient client = f.connect("127.0.0.1", CORE_BANKING, "TLSv1.3")) {
            assertEquals(200, client.get("/v1/whoami").status());
            assertEquals(1, token.signatures.get());
            assertEquals(SignatureAlgorithm.RSASSA_PSS_SHA256, token.lastAlgorithm);
        }
    }
}

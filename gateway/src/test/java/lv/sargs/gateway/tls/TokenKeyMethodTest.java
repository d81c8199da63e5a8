package lv.sargs.gateway.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.OpenSslPrivateKeyMethod;
import io.netty.util.concurrent.Future;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import lv.sargs.hsm.KeyInfo;
import lv.sargs.hsm.KeySpec;
import lv.sargs.hsm.SignatureAlgorithm;
import lv.sargs.hsm.demo.DemoToken;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TokenKeyMethodTest {

    @BeforeAll
    static void loadBoringSsl() {
        // The SSL_SIGN_* codes are read from the native library, so it must be loaded first.
        assumeTrue(OpenSsl.isAvailable(), () -> "BoringSSL unavailable: " + OpenSsl.unavailabilityCause());
    }

    @Test
    void mapsTheSchemesTheTokenPerforms() {
        assertEquals(SignatureAlgorithm.SHA256_WITH_ECDSA,
                TokenKeyMethod.algorithm(OpenSslPrivateKeyMethod.SSL_SIGN_ECDSA_SECP256R1_SHA256));
        assertEquals(SignatureAlgorithm.SHA384_WITH_ECDSA,
                TokenKeyMethod.algorithm(OpenSslPrivateKeyMethod.SSL_SIGN_ECDSA_SECP384R1_SHA384));
        assertEquals(SignatureAlgorithm.RSASSA_PSS_SHA256,
                TokenKeyMethod.algorithm(OpenSslPrivateKeyMethod.SSL_SIGN_RSA_PSS_RSAE_SHA256));
        assertEquals(SignatureAlgorithm.SHA256_WITH_RSA,
                TokenKeyMethod.algorithm(OpenSslPrivateKeyMethod.SSL_SIGN_RSA_PKCS1_SHA256));
        assertNull(TokenKeyMethod.algorithm(OpenSslPrivateKeyMethod.SSL_SIGN_ECDSA_SHA1));
        assertNull(TokenKeyMethod.algorithm(OpenSslPrivateKeyMethod.SSL_SIGN_RSA_PSS_RSAE_SHA384));
    }

    @Test
    void signsTheMessageOnTheTokenVerifiableWithTheKeysPublicHalf() throws Exception {
        try (DemoToken token = DemoToken.create()) {
            KeyInfo key = token.generateKeyPair("server", KeySpec.EC_P256);
            byte[] message = "TLS 1.3, server CertificateVerify".getBytes(StandardCharsets.US_ASCII);
            Future<byte[]> signed = new TokenKeyMethod(token, "server")
                    .sign(null, OpenSslPrivateKeyMethod.SSL_SIGN_ECDSA_SECP256R1_SHA256, message).await();
            Signature verify = Signature.getInstance("SHA256withECDSA");
            verify.initVerify(key.publicKey());
            verify.update(message);
            assertTrue(verify.verify(signed.getNow()));
        }
    }

    @Test
    void refusesASchemeTheTokenDoesNotPerformNamingIt() throws Exception {
        try (DemoToken token = DemoToken.create()) {
            token.generateKeyPair("server", KeySpec.EC_P256);
            Future<byte[]> signed = new TokenKeyMethod(token, "server")
                    .sign(null, OpenSslPrivateKeyMethod.SSL_SIGN_ECDSA_SHA1, new byte[32]).await();
            assertFalse(signed.isSuccess());
            assertEquals(token.name() + ": key 'server': TLS signature scheme 0x203 (expected: "
                    + TokenKeyMethod.SUPPORTED + ")", signed.cause().getMessage());
        }
    }
}

package lv.sargs.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.cert.CertificateExpiredException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CertificateAuthorityTest {

    private final CertificateAuthority ca = CertificateAuthority.create("Test CA");

    @Test
    void issuesServerCertificateSignedByRootWithItsNamesAsSans() throws Exception {
        HeldCertificate server = ca.issue("localhost").server("localhost", "127.0.0.1").build();

        server.certificate().verify(ca.certificate().getPublicKey());
        List<String> sans = server.certificate().getSubjectAlternativeNames().stream()
                .map(san -> san.get(1).toString()).toList();
        assertEquals(List.of("localhost", "127.0.0.1"), sans);
        assertTrue(server.certificate().getExtendedKeyUsage().contains("1.3.6.1.5.5.7.3.1"));
    }

    @Test
    void mintsExpiredCertificateWhenAskedTo() {
        Instant past = Instant.now().minus(Duration.ofDays(30));
        HeldCertificate expired = ca.issue("old").server("localhost")
                .validity(past, past.plus(Duration.ofDays(1))).build();

        assertThrows(CertificateExpiredException.class, () -> expired.certificate().checkValidity());
    }

    @Test
    void certifiesKeyHeldElsewhere() throws Exception {
        var keys = CertificateAuthority.generate(CertificateAuthority.KeyType.RSA_2048);
        var cert = ca.issue("token-key").client().certify(keys.getPublic());

        assertEquals(keys.getPublic(), cert.getPublicKey());
        cert.verify(ca.certificate().getPublicKey());
    }

    @Test
    void privateKeyPemIsPkcs8() {
        HeldCertificate client = ca.issue("client").client().build();
        // PKCS#8 PEM: the unencrypted "PRIVATE KEY" label (not "RSA"/"EC", not "ENCRYPTED").
        String firstLine = client.privateKeyPem().lines().findFirst().orElseThrow();
        assertTrue(firstLine.startsWith("-----BEGIN ") && firstLine.endsWith(" KEY-----")
                && firstLine.contains("BEGIN PRIVATE"), firstLine);
    }
}

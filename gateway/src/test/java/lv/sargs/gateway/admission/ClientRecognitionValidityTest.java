package lv.sargs.gateway.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import lv.sargs.testkit.CertificateAuthority;
import org.junit.jupiter.api.Test;

/**
 * A resumed TLS session skips the client certificate's path validation, so the recognition step
 * itself refuses a certificate outside its validity: an hour-long session cannot outlive it.
 */
class ClientRecognitionValidityTest {

    private static final CertificateAuthority CA = CertificateAuthority.create("validity test CA");
    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");

    private static X509Certificate valid(Instant from, Instant until) {
        return CA.issue("core-banking").client().validity(from, until).build().certificate();
    }

    @Test
    void aCertificateValidNowPassesOnToTheDeclaredClients() {
        X509Certificate current = valid(NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(1)));
        assertTrue(ClientRecognitionHandler.outsideValidity(current, NOW).isEmpty());
    }

    @Test
    void anExpiredCertificateIsRefusedNamingItsEnd() {
        Instant end = NOW.minus(Duration.ofMinutes(5));
        X509Certificate expired = valid(NOW.minus(Duration.ofDays(30)), end);
        UnrecognizedClient refused = (UnrecognizedClient) ClientRecognitionHandler.outsideValidity(expired, NOW)
                .orElseThrow();
        assertEquals(UnrecognizedClient.Reason.NOT_DECLARED, refused.reason());
        assertTrue(refused.detail().contains("expired at " + end.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)),
                refused.detail());
    }

    @Test
    void aCertificateNotYetValidIsRefused() {
        X509Certificate early = valid(NOW.plus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(30)));
        assertTrue(ClientRecognitionHandler.outsideValidity(early, NOW).orElseThrow().toString()
                .contains("not valid before"));
    }
}

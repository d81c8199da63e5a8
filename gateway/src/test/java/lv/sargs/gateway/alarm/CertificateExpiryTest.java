package lv.sargs.gateway.alarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import lv.sargs.gateway.metrics.Metrics;
import lv.sargs.testkit.FakeClock;
import lv.sargs.testkit.CertificateAuthority;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateExpiryTest {

    private static final Instant START = Instant.parse("2026-12-01T09:00:00Z");

    private final FakeClock clock = new FakeClock(START);
    private final AlarmModel alarms = new AlarmModel(clock);
    private final Metrics metrics = new Metrics();
    private final CertificateAuthority ca = CertificateAuthority.create("Test Bank CA");

    @TempDir
    Path dir;

    @Test
    void aShortLivedCertificateWarnsThenGoesCriticalThenClearsWhenARenewedOneIsImported() throws Exception {
        Path chain = dir.resolve("client-listener.pem");
        Files.writeString(chain, ca.issue("gateway.bank.lv").server("gateway.bank.lv")
                .validity(START.minus(Duration.ofDays(300)), START.plus(Duration.ofDays(40))).build().chainPem());
        CertificateExpiry expiry = new CertificateExpiry(List.of(new CertificateSource(
                "listeners.client.tls.certificateChain", chain, "Renew it.")), Duration.ofDays(30), Duration.ofDays(7),
                clock, alarms, metrics);
        String id = CertificateExpiry.alarmId("listeners.client.tls.certificateChain");

        expiry.check();
        assertTrue(alarms.open().isEmpty(), "40 days left is no alarm");
        assertTrue(scrape().contains("sargs_certificate_expiry_seconds{setting=\"listeners.client.tls.certificateChain\","
                + "subject=\"CN=gateway.bank.lv\"} " + Duration.ofDays(40).toSeconds()), scrape());

        clock.advance(Duration.ofDays(11));
        expiry.check();
        Alarm warning = alarms.get(id).orElseThrow();
        assertEquals(Severity.WARNING, warning.severity());
        assertTrue(warning.meaning().contains("CN=gateway.bank.lv") && warning.meaning().contains("in 29 days"),
                warning.meaning());
        assertEquals("Renew it.", warning.action());
        alarms.acknowledge(id, "night-shift");

        clock.advance(Duration.ofDays(23));
        expiry.check();
        Alarm critical = alarms.get(id).orElseThrow();
        assertEquals(Severity.CRITICAL, critical.severity());
        assertFalse(critical.acknowledged(), "an escalated alarm waits for a new acknowledgement");
        assertEquals(clock.instant(), critical.since());
        assertTrue(scrape().contains("sargs_alarm{alarm=\"" + id + "\"} 2"), scrape());

        Files.writeString(chain, ca.issue("gateway.bank.lv").server("gateway.bank.lv")
                .validity(clock.instant().minus(Duration.ofDays(1)), clock.instant().plus(Duration.ofDays(365)))
                .build().chainPem());
        expiry.check();
        assertTrue(alarms.get(id).isEmpty(), "the renewed certificate clears the alarm");
        assertTrue(scrape().contains("sargs_alarm{alarm=\"" + id + "\"} 0"), scrape());
    }

    @Test
    void anExpiredOrUnreadableFileIsCritical() throws Exception {
        Path lb = dir.resolve("lb.pem");
        Files.writeString(lb, ca.issue("Latvijas Banka").cms()
                .validity(START.minus(Duration.ofDays(30)), START.minus(Duration.ofDays(1))).build().certificatePem());
        Path missing = dir.resolve("gone.pem");
        CertificateExpiry expiry = new CertificateExpiry(List.of(
                new CertificateSource("statistics.recipients[0]", lb, "Get the new one."),
                new CertificateSource("lookups.viss.trustedCa", missing, "Ask VDAA.")),
                Duration.ofDays(30), Duration.ofDays(7), clock, alarms, metrics);
        expiry.check();
        Alarm expired = alarms.get(CertificateExpiry.alarmId("statistics.recipients[0]")).orElseThrow();
        assertEquals(Severity.CRITICAL, expired.severity());
        assertTrue(expired.meaning().contains("expired on 2026-11-30"), expired.meaning());
        Alarm unreadable = alarms.get(CertificateExpiry.alarmId("lookups.viss.trustedCa")).orElseThrow();
        assertEquals(Severity.CRITICAL, unreadable.severity());
        assertTrue(unreadable.meaning().contains("lookups.viss.trustedCa") && unreadable.meaning().contains("gone.pem"),
                unreadable.meaning());
    }

    private String scrape() {
        StringBuilder out = new StringBuilder();
        AlarmMetrics.register(alarms, metrics);
        metrics.writePrometheus(out);
        return out.toString();
    }
}

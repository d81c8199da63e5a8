package lv.sargs.gateway.statistics;

import lv.sargs.gateway.statistics.report.ReportSubmission;
import lv.sargs.gateway.statistics.report.ReportStatus;
import lv.sargs.gateway.statistics.report.ReportState;
import lv.sargs.gateway.statistics.report.ProducedFile;
import lv.sargs.gateway.statistics.report.DeliveryAttempt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import lv.sargs.gateway.metrics.Metrics;
import lv.sargs.gateway.statistics.delivery.SftpSettings;
import lv.sargs.hsm.KeySpec;
import lv.sargs.testkit.CertificateAuthority;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service against an exchange that is down: production, versions and durable state. */
class StatisticsServiceTest {

    @TempDir
    Path dir;

    private final StatisticsFixture fixture = new StatisticsFixture(KeySpec.EC_P384);
    private final Metrics metrics = new Metrics();

    @AfterEach
    void closeToken() {
        fixture.close();
    }

    private StatisticsService start() throws IOException {
        fixture.token.generateKeyPair("sftp-login", KeySpec.EC_P256);
        return restart();
    }

    private StatisticsService restart() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        SftpSettings sftp = new SftpSettings("127.0.0.1", closedPort, "bank", CertificateAuthority.generate(
                CertificateAuthority.KeyType.EC_P256).getPublic(), "sftp-login", "STAT/OUT", "STAT/IN",
                Duration.ofSeconds(2));
        StatisticsSettings settings = new StatisticsSettings(dir, StatisticsFixture.ORG, FileEncoding.WINDOWS_1257,
                StatisticsSettings.MIN_MAX_FILE_BYTES, 4096, StatisticsFixture.KEY,
                List.of(fixture.lbRsa.certificate(), fixture.lbEc.certificate()), Duration.ofSeconds(10), sftp,
                Duration.ofHours(1), Duration.ofHours(1));
        return StatisticsService.start(settings, fixture.token, metrics, Clock.systemUTC());
    }

    private static String submit(StatisticsService service, ReportSubmission submission, String body) {
        return service.submit(submission, new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    private static String bigData() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 12000; i++) {
            b.append("R").append(i).append("=").append(i).append(".5\n");
        }
        return b.toString();
    }

    @Test
    void keepsReportsAndTheirFailedDeliveriesAcrossARestart() throws Exception {
        String id;
        try (StatisticsService service = start()) {
            id = submit(service, StatisticsFixture.lines(), StatisticsFixture.identifying());
            service.deliverNow().get();
        }
        try (StatisticsService service = restart()) {
            ReportStatus status = service.status(id).orElseThrow();
            assertEquals(ReportState.PRODUCED, status.state());
            assertEquals(List.of("K01_ABC_20261031.p7m"), status.files().stream().map(ProducedFile::name).toList());
            assertTrue(Files.size(dir.resolve("files").resolve(id).resolve("K01_ABC_20261031.p7m")) > 0);
            assertFalse(status.attempts().isEmpty());
            assertTrue(status.attempts().stream().noneMatch(DeliveryAttempt::succeeded));
            assertTrue(status.attempts().get(0).detail().contains("cannot connect"), status.attempts().toString());
            assertTrue(service.status("no-such-report").isEmpty());
        }
    }

    @Test
    void givesAResubmissionTheNextSetVersion() throws Exception {
        try (StatisticsService service = start()) {
            String first = submit(service, StatisticsFixture.lines(), StatisticsFixture.identifying() + bigData());
            ReportSubmission correction = new ReportSubmission("K01", StatisticsFixture.PERIOD_END, OptionalInt.of(1),
                    ReportSubmission.Form.LINES);
            String second = submit(service, correction, StatisticsFixture.identifying() + "LABOJUMS=1\n" + bigData());

            ReportStatus v1 = service.status(first).orElseThrow();
            ReportStatus v2 = service.status(second).orElseThrow();
            assertEquals(1, v1.setVersion());
            assertEquals(2, v2.setVersion());
            assertEquals(1, v2.correction());
            assertTrue(v1.files().size() > 1 && v2.files().size() > 1, "both split");
            assertTrue(v1.files().stream().allMatch(f -> f.name().endsWith("_v01.p7m")), v1.files().toString());
            assertTrue(v2.files().stream().allMatch(f -> f.name().endsWith("_v02.p7m")), v2.files().toString());
        }
    }

    @Test
    void keepsNothingOfARefusedReport() throws Exception {
        try (StatisticsService service = start()) {
            ReportRejectedException refused = assertThrows(ReportRejectedException.class,
                    () -> submit(service, StatisticsFixture.lines(), "ORG_KODS=ABC\n"));
            assertEquals(5, refused.total());
            StringBuilder scrape = new StringBuilder();
            metrics.writePrometheus(scrape);
            assertTrue(scrape.toString().contains("sargs_statistics_reports_total{outcome=\"refused\"} 1\n"), scrape.toString());
            try (var files = Files.list(dir.resolve("files")); var work = Files.list(dir.resolve("work"))) {
                assertEquals(0, files.count() + work.count());
            }
        }
    }
}

package lv.sargs.sandbox.lb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import lv.sargs.gateway.statistics.report.DeliveryAttempt;
import lv.sargs.gateway.statistics.report.ProducedFile;
import lv.sargs.gateway.statistics.ReportRejectedException;
import lv.sargs.gateway.statistics.report.ReportState;
import lv.sargs.gateway.statistics.report.ReportStatus;
import lv.sargs.gateway.statistics.report.ReportSubmission;
import lv.sargs.gateway.statistics.StatisticsService;
import lv.sargs.gateway.statistics.store.ReportStore;
import lv.sargs.hsm.KeySpec;
import lv.sargs.testkit.CertificateAuthority;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatisticsExchangeTest {

    @TempDir
    Path dir;

    private Bank bank;
    private LbFileExchange exchange;

    @BeforeEach
    void start() throws Exception {
        bank = new Bank(dir, KeySpec.EC_P384);
        exchange = bank.startExchange();
    }

    @AfterEach
    void stop() throws IOException {
        exchange.close();
        bank.close();
    }

    private static String submit(StatisticsService gateway, String body) {
        return gateway.submit(Bank.submission(), new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    private static ReportStatus deliverUntil(StatisticsService gateway, String id, ReportState state) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        ReportStatus status = gateway.status(id).orElseThrow();
        while (status.state() != state) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("report " + id + " still " + status.state() + ", expected " + state + ": " + status);
            }
            gateway.deliverNow().get();
            status = gateway.status(id).orElseThrow();
            Thread.sleep(20);
        }
        return status;
    }

    @Test
    void deliversASplitReportAndShowsLatvijasBankasAcceptance() throws Exception {
        try (StatisticsService gateway = bank.gateway(exchange, 64 * 1024)) {
            String id = submit(gateway, Bank.report(Bank.ORG, 6000));
            ReportStatus produced = gateway.status(id).orElseThrow();
            assertTrue(produced.files().size() >= 2, "split under the 64 KiB limit: " + produced.files());

            ReportStatus accepted = deliverUntil(gateway, id, ReportState.ACCEPTED);

            assertNotNull(accepted.answer());
            assertTrue(accepted.answer().accepted());
            assertTrue(accepted.allDelivered());
            assertEquals(List.of(accepted.files().stream().map(ProducedFile::name).toList()),
                    exchange.received().stream().map(Received::files).toList(), "one set, every part, in order");
            assertEquals(List.of(), Files.list(exchange.inDir(Bank.USER)).toList(), "the reply was collected");
            StringBuilder scrape = new StringBuilder();
            bank.metrics.writePrometheus(scrape);
            assertTrue(scrape.toString().contains("sargs_statistics_answers_total{result=\"accepted\"} 1\n"), scrape.toString());
            assertTrue(scrape.toString().contains("sargs_statistics_deliveries_total{outcome=\"delivered\"} 1\n"), scrape.toString());
        }
    }

    @Test
    void showsLatvijasBankasRejectionWithItsMessages() throws Exception {
        try (StatisticsService gateway = bank.gateway(exchange.port(), exchange.hostKey(), 1_000_000, "XYZ")) {
            String id = submit(gateway, Bank.report("XYZ", 10));

            ReportStatus rejected = deliverUntil(gateway, id, ReportState.REJECTED);

            assertFalse(rejected.answer().accepted());
            assertTrue(rejected.answer().messages().stream().anyMatch(m -> m.contains("ORG_KODS=XYZ (expected: ABC)")),
                    rejected.answer().messages().toString());
        }
    }

    @Test
    void rejectsAFaultyReportLocallyWithoutUploading() throws Exception {
        try (StatisticsService gateway = bank.gateway(exchange, 1_000_000)) {
            String body = Bank.report(Bank.ORG, 3).replace("R1_C1=13.1", "R1_C1=13,1")
                    .replace("EPASTS=statistika@banka.lv", "EPASTS=statistika")
                    + "R9=\n";
            ReportRejectedException e = assertThrows(ReportRejectedException.class, () -> submit(gateway, body));
            assertEquals(List.of(6L, 8L, 10L), e.problems().stream().map(p -> p.line()).toList(), e.getMessage());
            gateway.deliverNow().get();
            assertEquals(List.of(), Files.list(exchange.outDir(Bank.USER)).toList());
            assertEquals(List.of(), exchange.received());
        }
    }

    @Test
    void refusesAServerWithAnotherHostKeyNamingBothFingerprints() throws Exception {
        PublicKey configured = CertificateAuthority.generate(CertificateAuthority.KeyType.EC_P256).getPublic();
        try (StatisticsService gateway = bank.gateway(exchange.port(), configured, 1_000_000, Bank.ORG)) {
            String id = submit(gateway, Bank.report(Bank.ORG, 10));
            gateway.deliverNow().get();

            ReportStatus status = gateway.status(id).orElseThrow();
            assertEquals(ReportState.PRODUCED, status.state());
            DeliveryAttempt last = status.attempts().get(status.attempts().size() - 1);
            assertFalse(last.succeeded());
            assertTrue(last.detail().contains("presented " + KeyUtils.getFingerPrint(BuiltinDigests.sha256,
                    exchange.hostKey())), last.detail());
            assertTrue(last.detail().contains("expected " + KeyUtils.getFingerPrint(BuiltinDigests.sha256, configured)),
                    last.detail());
            assertTrue(last.detail().matches(".*SHA256:[A-Za-z0-9+/]{43} .*"), last.detail());
            assertEquals(List.of(), Files.list(exchange.outDir(Bank.USER)).toList());
        }
    }

    @Test
    void redoesAnInterruptedUploadWithoutEverShowingAPartialFileUnderItsFinalName() throws Exception {
        try (StatisticsService gateway = bank.gateway(exchange, 1_000_000)) {
            exchange.interruptNextUploadAfter(4096);
            String id = submit(gateway, Bank.report(Bank.ORG, 2000));
            ProducedFile file = gateway.status(id).orElseThrow().files().get(0);
            assertTrue(file.size() > 4096, "big enough to be cut: " + file);
            // Submitting starts a delivery at once; that first attempt is the one cut off.
            await("the first attempt", () -> !gateway.status(id).orElseThrow().attempts().isEmpty());

            ReportStatus interrupted = gateway.status(id).orElseThrow();
            assertEquals(ReportState.PRODUCED, interrupted.state(), interrupted.toString());
            assertFalse(interrupted.attempts().get(interrupted.attempts().size() - 1).succeeded());
            try (Stream<Path> out = Files.list(exchange.outDir(Bank.USER))) {
                assertEquals(List.of(file.name() + ".part"), out.map(p -> p.getFileName().toString()).toList(),
                        "only the temporary file is left");
            }

            ReportStatus delivered = deliverUntil(gateway, id, ReportState.ACCEPTED);
            assertTrue(delivered.allDelivered());
            await("the exchange to settle", () -> exchange.received().size() == 1);
            assertEquals(1, exchange.received().size(), "delivered once");
            assertEquals(List.of(), Files.list(exchange.outDir(Bank.USER)).toList(), "no temporary file left behind");
        }
    }

    @Test
    void finishesARenameCutOffByACrashWithoutUploadingAgain() throws Exception {
        PublicKey wrong = CertificateAuthority.generate(CertificateAuthority.KeyType.EC_P256).getPublic();
        String id;
        ProducedFile file;
        try (StatisticsService gateway = bank.gateway(exchange.port(), wrong, 1_000_000, Bank.ORG)) {
            id = submit(gateway, Bank.report(Bank.ORG, 10));
            file = gateway.status(id).orElseThrow().files().get(0);
        }
        // The state a crash leaves between "uploaded under the temporary name" and "renamed".
        Files.copy(dir.resolve("gateway/files").resolve(id).resolve(file.name()),
                exchange.outDir(Bank.USER).resolve(file.name() + ".part"));
        try (ReportStore store = ReportStore.open(dir.resolve("gateway/reports.mv.db"))) {
            store.update(id, s -> s.withFile(file.withDelivery(ProducedFile.Delivery.RENAMING)));
        }

        try (StatisticsService gateway = bank.gateway(exchange, 1_000_000)) {
            ReportStatus accepted = deliverUntil(gateway, id, ReportState.ACCEPTED);
            assertTrue(accepted.attempts().get(accepted.attempts().size() - 1).succeeded());
        }
        assertEquals(1, exchange.received().size(), "renamed once, never uploaded twice");
        assertEquals(List.of(), Files.list(exchange.outDir(Bank.USER)).toList());
    }

    @Test
    void bringsInAnswersWhileAnotherReportCannotBeDelivered() throws Exception {
        // A file Latvijas Banka has not taken yet blocks the rename of the next file of that name.
        Files.writeString(exchange.outDir(Bank.USER).resolve("K02_ABC_20261031.p7m"), "earlier upload");
        try (StatisticsService gateway = bank.gateway(exchange, 1_000_000)) {
            String first = submit(gateway, Bank.report(Bank.ORG, 10));
            await("the first report's delivery and answer", () -> exchange.received().size() == 1);

            ReportSubmission k02 = new ReportSubmission("K02", Bank.PERIOD_END, OptionalInt.empty(),
                    ReportSubmission.Form.LINES);
            String stuck = gateway.submit(k02, new ByteArrayInputStream(Bank.report(Bank.ORG, 20)
                    .getBytes(StandardCharsets.UTF_8)));

            ReportStatus answered = deliverUntil(gateway, first, ReportState.ACCEPTED);
            assertTrue(answered.answer().accepted());
            ReportStatus undelivered = gateway.status(stuck).orElseThrow();
            assertEquals(ReportState.PRODUCED, undelivered.state());
            assertTrue(undelivered.attempts().get(undelivered.attempts().size() - 1).detail()
                    .contains("rename STAT/OUT/K02_ABC_20261031.p7m.part to STAT/OUT/K02_ABC_20261031.p7m"),
                    undelivered.attempts().toString());
        }
    }
}

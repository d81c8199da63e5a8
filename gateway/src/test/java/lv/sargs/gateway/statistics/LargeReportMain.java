package lv.sargs.gateway.statistics;

import lv.sargs.gateway.statistics.report.ProducedFile;
import lv.sargs.testkit.GeneratedReport;

import java.nio.file.Path;
import java.util.List;
import lv.sargs.hsm.KeySpec;

/**
 * Produces a generated report of the given size with the default 95 MB limit, for
 * {@link LargeReportIT} to run in a JVM with a small heap; prints one line per produced file.
 */
public final class LargeReportMain {

    private LargeReportMain() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        long bytes = Long.parseLong(args[1]);
        try (StatisticsFixture fixture = new StatisticsFixture(KeySpec.EC_P384)) {
            ReportProducer producer = new ReportProducer(
                    fixture.settings(dir, StatisticsSettings.DEFAULT_MAX_FILE_BYTES), fixture.protector());
            List<ProducedFile> files = producer.produce(StatisticsFixture.lines(), new GeneratedReport(StatisticsFixture.identifying(), bytes),
                    StatisticsFixture.TODAY, 1, dir, dir.resolve("out"));
            for (ProducedFile f : files) {
                System.out.println(f.name() + " " + f.size());
            }
            System.out.println("heap used at the end: " + (Runtime.getRuntime().totalMemory()
                    - Runtime.getRuntime().freeMemory()) / (1024 * 1024) + " MiB of max "
                    + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB");
        }
    }
}

package lv.sargs.gateway.statistics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A 300 MB report goes through validation, splitting, signing and encryption in a 64 MiB heap. */
class LargeReportIT {

    private static final long REPORT_BYTES = 300L * 1000 * 1000;

    @TempDir
    Path dir;

    @Test
    void producesA300MegabyteReportInA64MegabyteHeap() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path output = dir.resolve("main.log");
        Process p = new ProcessBuilder(java, "-Xmx64m", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError",
                "-Dtinylog.level=warn", "-cp", classPath, LargeReportMain.class.getName(), dir.toString(),
                Long.toString(REPORT_BYTES))
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        boolean finished = p.waitFor(10, TimeUnit.MINUTES);
        if (!finished) {
            p.destroyForcibly().waitFor();
        }
        String log = Files.readString(output, StandardCharsets.UTF_8);
        assertTrue(finished, "did not finish within 10 minutes: " + log);
        assertEquals(0, p.exitValue(), log);

        List<String> files = log.lines().filter(l -> l.endsWith(".p7m") || l.matches(".*\\.p7m \\d+")).toList();
        assertTrue(files.size() >= 4, "300 MB in files of at most 95 MB: " + log);
        for (String line : files) {
            String[] parts = line.split(" ");
            long size = Long.parseLong(parts[1]);
            assertTrue(size <= StatisticsSettings.DEFAULT_MAX_FILE_BYTES, line);
            assertEquals(size, Files.size(dir.resolve("out").resolve(parts[0])), line);
            assertTrue(parts[0].matches("K01_ABC_20261031_0\\d_0" + files.size() + "_v01\\.p7m"), line);
        }
        try (var left = Files.list(dir)) {
            assertTrue(left.noneMatch(f -> f.toString().endsWith(".spool")), "the spool is removed");
        }
        assertTrue(new File(classPath.split(File.pathSeparator)[0]).exists(), "class path resolved: " + classPath);
    }
}

package lv.sargs.gateway.statistics.format;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import lv.sargs.gateway.statistics.report.StatisticsException;

/**
 * Where a report's data lines are cut into files so each file's plain content stays within a byte
 * budget: whole lines only, the first file also carrying the BOM and the identifying lines, every
 * other file the BOM (rule 5).
 *
 * @param slices the byte ranges of the spool file, one per file, in order
 */
public record PartPlan(List<Slice> slices) {

    /** The data bytes {@code [start, end)} of the spool that go into one file. */
    public record Slice(long start, long end) {
    }

    public PartPlan {
        slices = List.copyOf(slices);
    }

    /** Whether the report fits in one file. */
    public boolean single() {
        return slices.size() == 1;
    }

    /**
     * Plans the files for {@code spool}: one when everything fits {@code budget}, else greedily as
     * many whole lines per file as fit.
     *
     * @param firstHeader the bytes before the data in the first file (BOM and identifying lines)
     * @param otherHeader the bytes before the data in every other file (the BOM)
     */
    public static PartPlan plan(Path spool, long firstHeader, long otherHeader, long budget) throws IOException {
        long size = Files.size(spool);
        if (firstHeader + size <= budget) {
            return new PartPlan(List.of(new Slice(0, size)));
        }
        List<Slice> slices = new ArrayList<>();
        long partStart = 0;
        long used = firstHeader;
        long lineStart = 0;
        long position = 0;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(spool)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] != '\n') {
                        continue;
                    }
                    long lineEnd = position + i + 1;
                    long length = lineEnd - lineStart;
                    if (used + length > budget) {
                        if (lineStart == partStart) {
                            throw new StatisticsException(StatisticsException.Code.TOO_MANY_PARTS,
                                    "a line of " + length + " bytes (expected: at most " + (budget - used)
                                            + " bytes to fit one file under the size limit)");
                        }
                        slices.add(new Slice(partStart, lineStart));
                        partStart = lineStart;
                        used = otherHeader;
                    }
                    used += length;
                    lineStart = lineEnd;
                }
                position += n;
            }
        }
        slices.add(new Slice(partStart, size));
        if (slices.size() > FileNames.MAX_PARTS) {
            throw new StatisticsException(StatisticsException.Code.TOO_MANY_PARTS,
                    "report of " + size + " bytes needs " + slices.size() + " files (expected: at most "
                            + FileNames.MAX_PARTS + " files under the size limit)");
        }
        return new PartPlan(slices);
    }
}

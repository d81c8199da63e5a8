package lv.sargs.testkit;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A valid Latvijas Banka statistical report of about {@code targetBytes}, generated as it is
 * read — so a 300 MB report never exists in memory or on disk before the code under test reads
 * it: the identifying lines given, then data line {@code i} as {@code R<i>_C01=<i*37>.<i%100>}.
 */
public final class GeneratedReport extends InputStream {

    private final long targetBytes;
    private byte[] current;
    private int position;
    private long produced;
    private long line;

    /**
     * @param identifying the report's identifying {@code NAME=value} lines (ORG_KODS, DATUMS, …),
     *     each ending in a line feed
     */
    public GeneratedReport(String identifying, long targetBytes) {
        this.current = identifying.getBytes(StandardCharsets.UTF_8);
        this.targetBytes = targetBytes;
    }

    /** The data line {@code i}, without its line end. */
    public static String dataLine(long i) {
        return "R" + i + "_C01=" + (i * 37) + "." + (i % 100 < 10 ? "0" : "") + (i % 100);
    }

    @Override
    public int read() {
        if (!fill()) {
            return -1;
        }
        return current[position++] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (len == 0) {
            return 0;
        }
        int n = 0;
        while (n < len && fill()) {
            int chunk = Math.min(len - n, current.length - position);
            System.arraycopy(current, position, b, off + n, chunk);
            position += chunk;
            n += chunk;
        }
        return n == 0 ? -1 : n;
    }

    private boolean fill() {
        if (position < current.length) {
            return true;
        }
        produced += current.length;
        if (produced >= targetBytes) {
            return false;
        }
        StringBuilder b = new StringBuilder(64 * 1024);
        while (b.length() < 60 * 1024) {
            b.append(dataLine(line++)).append('\n');
        }
        current = b.toString().getBytes(StandardCharsets.US_ASCII);
        position = 0;
        return true;
    }
}

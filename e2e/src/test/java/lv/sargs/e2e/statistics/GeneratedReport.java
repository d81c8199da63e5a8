package lv.sargs.e2e.statistics;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * A valid October 2026 report of {@link ReportingBank}'s, of about {@code targetBytes}, generated as
 * it is read: a 300 MB report never exists in memory or on disk before it is sent.
 */
final class GeneratedReport extends InputStream {

    private final long targetBytes;
    private byte[] current;
    private int position;
    private long produced;
    private long line;

    GeneratedReport(long targetBytes) {
        this.targetBytes = targetBytes;
        String today = LocalDate.now(ZoneId.of("Europe/Riga")).format(DateTimeFormatter.BASIC_ISO_DATE);
        current = ("ORG_KODS=" + ReportingBank.ORG + "\nDATUMS=20261031\nIESN_DAT=" + today
                + "\nPERSONA=Jānis Bērziņš\nTALRUNIS=+371 67022300\nEPASTS=statistika@banka.lv\n")
                .getBytes(StandardCharsets.UTF_8);
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
            b.append('R').append(line).append("_C01=").append(line * 37).append('.').append(line % 10).append('\n');
            line++;
        }
        current = b.toString().getBytes(StandardCharsets.US_ASCII);
        position = 0;
        return true;
    }
}

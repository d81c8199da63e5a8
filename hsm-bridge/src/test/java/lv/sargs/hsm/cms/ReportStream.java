package lv.sargs.hsm.cms;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** A statistics-like text of a given size, generated as it is read so a 300 MB file needs no memory. */
final class ReportStream extends InputStream {

    private final long size;
    private long position;
    private byte[] line = new byte[0];
    private int inLine;
    private long lineNumber;

    ReportStream(long size) {
        this.size = size;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        if (position >= size) {
            return -1;
        }
        int n = 0;
        while (n < length && position < size) {
            if (inLine == line.length) {
                line = ("RADITAJS_" + (lineNumber % 997) + "=" + (lineNumber * 7919 % 1_000_003) + "." + (lineNumber % 100)
                        + "\n").getBytes(StandardCharsets.US_ASCII);
                lineNumber++;
                inLine = 0;
            }
            int take = (int) Math.min(Math.min(length - n, line.length - inLine), size - position);
            System.arraycopy(line, inLine, buffer, offset + n, take);
            inLine += take;
            n += take;
            position += take;
        }
        return n;
    }
}

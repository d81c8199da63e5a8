package lv.sargs.gateway.statistics.format;

import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a report's checked data lines to a spool file in the file encoding, streaming, and keeps
 * the few identifying lines apart so they can lead the first file (rule 5).
 */
public final class ReportSpool implements IndicatorSink, Closeable {

    /** The line end of produced files. */
    public static final String LINE_END = "\r\n";

    private final Path file;
    private final Charset charset;
    private final Writer data;
    private final ByteArrayOutputStream identifying = new ByteArrayOutputStream();

    /** Creates (or truncates) {@code file} for the data lines. */
    public ReportSpool(Path file, Charset charset) throws IOException {
        this.file = file;
        this.charset = charset;
        this.data = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), charset.newEncoder()),
                64 * 1024);
    }

    @Override
    public void identifying(String name, String value) {
        identifying.writeBytes((name + "=" + value + LINE_END).getBytes(charset));
    }

    @Override
    public void data(String name, String value) throws IOException {
        data.write(name);
        data.write('=');
        data.write(value);
        data.write(LINE_END);
    }

    /** The identifying lines, encoded, in report order. */
    public byte[] identifyingLines() {
        return identifying.toByteArray();
    }

    /** The spool file holding the data lines. */
    public Path dataFile() {
        return file;
    }

    @Override
    public void close() throws IOException {
        data.close();
    }
}

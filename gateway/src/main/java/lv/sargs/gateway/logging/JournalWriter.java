package lv.sargs.gateway.logging;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.tinylog.Level;
import org.tinylog.core.LogEntry;
import org.tinylog.writers.AbstractFormatPatternWriter;

/**
 * tinylog writer {@code journal}: every line of every entry on standard output with its syslog
 * priority as the {@code <N>} prefix that systemd-journald reads (sd-daemon(3)), so that
 * {@code journalctl -u sargs -p warning} shows exactly the warnings and errors, stack trace lines
 * included. The unit selects it (SARGS_LOG=journal, read by the sargs-gateway launcher); anywhere
 * else the gateway logs with tinylog's console writer.
 */
public final class JournalWriter extends AbstractFormatPatternWriter {

    /** sd-daemon(3) priorities: err, warning, info, debug (tinylog has no notice or critical). */
    static final int ERR = 3;
    static final int WARNING = 4;
    static final int INFO = 6;
    static final int DEBUG = 7;

    private final PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);

    /** Created by tinylog from the writer's properties ({@code writer.format} etc.). */
    public JournalWriter(Map<String, String> properties) {
        super(properties);
    }

    @Override
    public void write(LogEntry entry) {
        out.print(prefixed(priority(entry.getLevel()), render(entry)));
    }

    @Override
    public void flush() {
        out.flush();
    }

    @Override
    public void close() {
        out.flush();
    }

    /** The syslog priority of a tinylog level. */
    static int priority(Level level) {
        return switch (level) {
            case ERROR -> ERR;
            case WARN -> WARNING;
            case INFO -> INFO;
            default -> DEBUG;
        };
    }

    /**
     * {@code text} with {@code <priority>} before each of its lines: journald makes one entry of
     * each line, and a line without the prefix would get the unit's default priority (info).
     */
    static String prefixed(int priority, String text) {
        String tag = "<" + priority + ">";
        StringBuilder b = new StringBuilder(text.length() + 8);
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            int next = end < 0 ? text.length() : end + 1;
            b.append(tag).append(text, start, next);
            start = next;
        }
        if (b.length() > 0 && b.charAt(b.length() - 1) != '\n') {
            b.append('\n');
        }
        return b.toString();
    }
}

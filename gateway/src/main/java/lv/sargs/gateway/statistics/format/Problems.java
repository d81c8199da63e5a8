package lv.sargs.gateway.statistics.format;

import java.util.ArrayList;
import java.util.List;

/**
 * The problems found in one report: every one is counted, the first {@code cap} are kept, so a
 * 300 MB report full of faults still validates in bounded memory.
 */
public final class Problems {

    private static final int ECHO_LIMIT = 80;

    private final int cap;
    private final List<Problem> kept = new ArrayList<>();
    private long total;
    private boolean stopped;

    public Problems(int cap) {
        this.cap = cap;
    }

    /** Records a problem at {@code line}; the report's own text in it is escaped and shortened here, once for all. */
    public void add(long line, String text) {
        total++;
        if (kept.size() < cap) {
            kept.add(new Problem(line, lv.sargs.gateway.text.ClientValues.forText(text)));
        }
    }

    /**
     * Records a problem after which the rest of the body cannot be read, so checks that need the
     * whole report (the mandatory indicators) are not made on a part of it.
     */
    public void stop(long line, String text) {
        add(line, text);
        stopped = true;
    }

    /** Whether reading stopped early at a problem. */
    public boolean stopped() {
        return stopped;
    }

    /** The problems kept, in order of discovery. */
    public List<Problem> kept() {
        return List.copyOf(kept);
    }

    /** How many problems were found. */
    public long total() {
        return total;
    }

    /** Whether none was found. */
    public boolean isEmpty() {
        return total == 0;
    }

    /** {@code text} shortened for echoing in a message, so a huge line does not become a huge error. */
    static String echo(String text) {
        return text.length() <= ECHO_LIMIT ? text : text.substring(0, ECHO_LIMIT) + "…";
    }
}

package lv.sargs.console;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Lays out one screen of {@link #ROWS} lines of at most {@link #COLUMNS} characters: a header,
 * the view's body and the key help. Every state is written as a word (OK, DEGRADED, FAILED,
 * WARNING, CRITICAL, NEW / ack), so nothing depends on colour; the tone only adds it.
 */
final class ConsoleView {

    static final int COLUMNS = 80;
    static final int ROWS = 24;
    static final String[] VIEWS = {"Overview", "Alarms", "Certificates", "Upstreams"};
    static final String KEYS = "a ack  d deliver stats  p probe token  c audit  1-4 view  up/down  q quit";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm")
            .withZone(ZoneOffset.UTC);

    /** How a line is coloured, on top of the words it already carries. */
    enum Tone { NORMAL, HEADER, GOOD, WARN, BAD, SELECTED }

    record Line(String text, Tone tone) {
    }

    private ConsoleView() {
    }

    /**
     * @param view 0-3, see {@link #VIEWS}
     * @param selected the selected alarm's index
     * @param message the last action's outcome, or an error; empty for none
     */
    static List<Line> render(Snapshot s, int view, int selected, String message) {
        List<Line> out = new ArrayList<>();
        out.add(new Line("SARGS  state " + s.overall() + "  ready " + (s.ready() ? "yes" : "NO") + "  alarms "
                + s.alarms().size() + " (" + waiting(s) + " new)  " + TIME.format(s.at()) + " UTC", tone(s.overall())));
        StringBuilder tabs = new StringBuilder();
        for (int i = 0; i < VIEWS.length; i++) {
            tabs.append(i == view ? "[" + (i + 1) + " " + VIEWS[i] + "]" : " " + (i + 1) + " " + VIEWS[i] + " ")
                    .append(' ');
        }
        out.add(new Line(tabs.toString(), Tone.HEADER));
        int bodyRows = ROWS - 4;
        List<Line> body = switch (view) {
            case 1 -> alarms(s, selected, bodyRows);
            case 2 -> certificates(s, bodyRows);
            case 3 -> upstreams(s, bodyRows);
            default -> overview(s, selected, bodyRows);
        };
        for (int i = 0; i < bodyRows; i++) {
            out.add(i < body.size() ? body.get(i) : new Line("", Tone.NORMAL));
        }
        out.add(new Line(message, message.startsWith("ERROR") ? Tone.BAD : Tone.NORMAL));
        out.add(new Line(KEYS, Tone.HEADER));
        return out.stream().map(l -> new Line(fit(l.text()), l.tone())).toList();
    }

    private static List<Line> overview(Snapshot s, int selected, int rows) {
        List<Line> out = new ArrayList<>();
        out.add(new Line("COMPONENT           STATE     SINCE       WHY", Tone.HEADER));
        int shown = Math.min(s.components().size(), 8);
        for (int i = 0; i < shown; i++) {
            Snapshot.Component c = s.components().get(i);
            out.add(new Line(String.format(Locale.ROOT, "%-19s %-9s %-11s %s", c.name(), c.state(),
                    DAY_TIME.format(c.since()), c.reason()), tone(c.state())));
        }
        if (s.components().size() > shown) {
            out.add(new Line("  ... " + (s.components().size() - shown) + " more: see /v1/status", Tone.NORMAL));
        }
        out.add(new Line("ALARMS  " + (s.alarms().isEmpty() ? "none open" : s.alarms().size() + " open, " + waiting(s)
                + " waiting for acknowledgement"), Tone.HEADER));
        if (s.alarms().isEmpty()) {
            return out;
        }
        int sel = Math.min(selected, s.alarms().size() - 1);
        int first = Math.max(0, Math.min(sel, s.alarms().size() - 2));
        for (int i = first; i < Math.min(s.alarms().size(), first + 2); i++) {
            out.add(alarmLine(s.alarms().get(i), i == sel));
        }
        Snapshot.AlarmRow a = s.alarms().get(sel);
        int left = rows - out.size();
        List<String> what = wrap("What: " + a.meaning(), Math.max(1, left / 2));
        what.forEach(t -> out.add(new Line(t, Tone.NORMAL)));
        wrap("Do:   " + a.action(), rows - out.size()).forEach(t -> out.add(new Line(t, Tone.NORMAL)));
        return out;
    }

    private static List<Line> alarms(Snapshot s, int selected, int rows) {
        List<Line> out = new ArrayList<>();
        if (s.alarms().isEmpty()) {
            out.add(new Line("No open alarm.", Tone.GOOD));
            return out;
        }
        int sel = Math.min(selected, s.alarms().size() - 1);
        for (int i = sel; i < s.alarms().size() && out.size() < rows; i++) {
            Snapshot.AlarmRow a = s.alarms().get(i);
            out.add(alarmLine(a, i == sel));
            out.add(new Line("  since " + DAY_TIME.format(a.since()) + " UTC"
                    + (a.acknowledged() ? ", acknowledged by " + a.by() : ", not acknowledged yet"), Tone.NORMAL));
            wrap("  What: " + a.meaning(), 4).forEach(t -> out.add(new Line(t, Tone.NORMAL)));
            wrap("  Do:   " + a.action(), 4).forEach(t -> out.add(new Line(t, Tone.NORMAL)));
        }
        return out.subList(0, Math.min(rows, out.size()));
    }

    private static List<Line> certificates(Snapshot s, int rows) {
        List<Line> out = new ArrayList<>();
        out.add(new Line("EXPIRES IN   STATE     SETTING / SUBJECT", Tone.HEADER));
        for (Snapshot.Certificate c : s.certificates()) {
            if (out.size() + 2 > rows) {
                break;
            }
            String state = alarmFor(s, "certificate." + c.setting());
            out.add(new Line(String.format(Locale.ROOT, "%-12s %-9s %s", countdown(c.seconds()), state, c.setting()),
                    tone(state)));
            out.add(new Line("                       " + c.subject(), Tone.NORMAL));
        }
        if (s.certificates().isEmpty()) {
            out.add(new Line("No certificate reported yet.", Tone.NORMAL));
        }
        return out;
    }

    private static List<Line> upstreams(Snapshot s, int rows) {
        List<Line> out = new ArrayList<>();
        out.add(new Line("UPSTREAM   HEALTH    CALLS OK   ERRORS  ERROR %  MEAN LATENCY", Tone.HEADER));
        for (Snapshot.Upstream u : s.upstreams()) {
            out.add(new Line(String.format(Locale.ROOT, "%-10s %-9s %8d %8d %7.1f%%  %s", u.name(), u.health(), u.ok(),
                    u.failed(), 100 * u.errorRate(), Double.isNaN(u.meanSeconds()) ? "-"
                            : String.format(Locale.ROOT, "%.0f ms", u.meanSeconds() * 1000)),
                    "UP".equals(u.health()) ? Tone.GOOD : "DOWN".equals(u.health()) ? Tone.BAD : Tone.WARN));
        }
        if (s.upstreams().isEmpty()) {
            out.add(new Line("No upstream configured.", Tone.NORMAL));
        }
        out.add(new Line("", Tone.NORMAL));
        out.add(new Line("REFUSALS SINCE START  listener  reason                      count", Tone.HEADER));
        for (Snapshot.Refusal r : s.refusals()) {
            if (out.size() >= rows) {
                break;
            }
            out.add(new Line(String.format(Locale.ROOT, "                      %-9s %-27s %6d", r.listener(), r.reason(),
                    r.count()), Tone.WARN));
        }
        if (s.refusals().isEmpty()) {
            out.add(new Line("None.", Tone.GOOD));
        }
        return out;
    }

    private static Line alarmLine(Snapshot.AlarmRow a, boolean selected) {
        String text = (selected ? "> " : "  ") + String.format(Locale.ROOT, "%-8s %-4s %s  since %s", a.severity(),
                a.acknowledged() ? "ack" : "NEW", a.id(), DAY_TIME.format(a.since()));
        return new Line(text, selected ? Tone.SELECTED : "CRITICAL".equals(a.severity()) ? Tone.BAD : Tone.WARN);
    }

    private static String alarmFor(Snapshot s, String id) {
        return s.alarms().stream().filter(a -> a.id().equals(id)).map(Snapshot.AlarmRow::severity).findFirst()
                .orElse("OK");
    }

    static String countdown(double seconds) {
        if (Double.isNaN(seconds)) {
            return "?";
        }
        if (seconds <= 0) {
            return "EXPIRED";
        }
        Duration d = Duration.ofSeconds((long) seconds);
        return d.toDays() >= 1 ? d.toDays() + " d " + d.toHoursPart() + " h" : d.toHours() + " h " + d.toMinutesPart()
                + " min";
    }

    private static long waiting(Snapshot s) {
        return s.alarms().stream().filter(a -> !a.acknowledged()).count();
    }

    private static Tone tone(String state) {
        return switch (state) {
            case "OK" -> Tone.GOOD;
            case "DEGRADED", "WARNING" -> Tone.WARN;
            case "FAILED", "CRITICAL" -> Tone.BAD;
            default -> Tone.NORMAL;
        };
    }

    /** Word-wraps {@code text} to the screen width, at most {@code maxLines} lines (the last one cut with "..."). */
    static List<String> wrap(String text, int maxLines) {
        List<String> lines = new ArrayList<>();
        String rest = text.replace('\n', ' ');
        while (!rest.isEmpty() && lines.size() < maxLines) {
            if (rest.length() <= COLUMNS) {
                lines.add(rest);
                rest = "";
                break;
            }
            int cut = rest.lastIndexOf(' ', COLUMNS);
            if (cut <= 8) {
                cut = COLUMNS;
            }
            lines.add(rest.substring(0, cut));
            rest = "      " + rest.substring(cut).trim();
        }
        if (!rest.isEmpty() && !lines.isEmpty()) {
            String last = lines.get(lines.size() - 1);
            lines.set(lines.size() - 1, (last.length() > COLUMNS - 3 ? last.substring(0, COLUMNS - 3) : last) + "...");
        }
        return lines;
    }

    private static String fit(String s) {
        return s.length() <= COLUMNS ? s : s.substring(0, COLUMNS - 1) + "~";
    }

    /** When the last refresh happened, for an "(as of …)" note when the gateway stops answering. */
    static String asOf(Instant at) {
        return TIME.format(at);
    }
}

package lv.sargs.gateway.watch;

import java.time.Instant;
import java.util.List;

/**
 * One change a register reported about a watched subject, as published to core systems: what
 * changed (section names), where it was seen and when.
 *
 * @param cursor the position in the feed; a client asks for changes after the last one it saw
 * @param subject the watched subject
 * @param source the register, e.g. {@code viss}
 * @param changedAt when the register says the change happened
 * @param sections the answer sections that changed, e.g. {@code officers}
 */
public record Change(long cursor, WatchedSubject subject, String source, Instant changedAt, List<String> sections) {

    public Change {
        sections = List.copyOf(sections);
    }
}

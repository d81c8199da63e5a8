package lv.sargs.gateway.watch;

import java.time.Instant;
import java.util.List;

/**
 * A change as a register's change feed reports it, about any subject, watched or not.
 *
 * @param subject the subject the register says changed
 * @param changedAt when it changed
 * @param sections the sections of the standard answer it affects
 */
public record RegisterChange(WatchedSubject subject, Instant changedAt, List<String> sections) {

    public RegisterChange {
        sections = List.copyOf(sections);
    }
}

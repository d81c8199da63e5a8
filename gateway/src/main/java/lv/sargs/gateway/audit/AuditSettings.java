package lv.sargs.gateway.audit;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How the trail is kept.
 *
 * @param directory the trail's directory (its checkpoints file goes beside it)
 * @param queueCapacity records waiting for the writer before callers are pushed back
 * @param checkpointEvery a signed checkpoint after this many records
 * @param checkpointInterval … or after this long with records since the last one
 * @param rotateBytes a new file once the current one reaches this size (also at each new UTC day)
 * @param pushBack how long a state-changing call waits for room in a full queue before it fails
 */
public record AuditSettings(Path directory, int queueCapacity, int checkpointEvery, Duration checkpointInterval,
                            long rotateBytes, Duration pushBack) {

    /** The settings the gateway uses when the config has no {@code audit} section. */
    public static AuditSettings defaults(Path directory) {
        return new AuditSettings(directory, 10_000, 1000, Duration.ofMinutes(1), 64L * 1024 * 1024,
                Duration.ofSeconds(2));
    }
}

package lv.sargs.gateway.config;

import java.time.Duration;

/** Reads the optional {@code audit} section (docs/audit.md); every key in it is required. */
final class AuditReader {

    private AuditReader() {
    }

    static AuditConfig read(Section s) {
        int before = s.problemsCount();
        String label = s.required("keyLabel", "the label of an RSA key on the token that signs the trail's"
                + " checkpoints, e.g. sargs-audit").flatMap(Node::text).orElse(null);
        Integer every = s.required("checkpointEvery", "records between signed checkpoints, e.g. 1000")
                .flatMap(n -> n.integer(1, 10_000_000)).orElse(null);
        Duration interval = s.required("checkpointInterval", "the longest time between checkpoints, e.g. 1m")
                .flatMap(n -> n.parse(t -> Units.duration(t, Duration.ofSeconds(1), Duration.ofDays(1)))).orElse(null);
        Long rotate = s.required("rotateSize", "the size at which a new trail file starts, e.g. 64MiB")
                .flatMap(n -> n.parse(t -> Units.size(t, 64 * 1024, 16L * 1024 * 1024 * 1024))).orElse(null);
        Integer queue = s.required("queueCapacity", "records waiting for the writer, e.g. 10000")
                .flatMap(n -> n.integer(16, 10_000_000)).orElse(null);
        s.end();
        if (s.problemsCount() > before) {
            return null;
        }
        return new AuditConfig(label, every, interval, rotate, queue);
    }
}

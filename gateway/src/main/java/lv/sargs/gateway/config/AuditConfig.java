package lv.sargs.gateway.config;

import java.time.Duration;

/**
 * The audit trail's keeping (docs/audit.md): the RSA key on the token that signs its checkpoints
 * and from which the subject pseudonyms' key is derived, and when it checkpoints and rotates.
 *
 * @param keyLabel an RSA key on the token (deterministic signatures, as for the stores' keys)
 * @param checkpointEvery a signed checkpoint after this many records
 * @param checkpointInterval … or this long after the last one, when records came since
 * @param rotateSize a new trail file once the current one reaches this many bytes (also each UTC day)
 * @param queueCapacity records waiting for the writer before callers are pushed back (then 503)
 */
public record AuditConfig(String keyLabel, int checkpointEvery, Duration checkpointInterval, long rotateSize,
                          int queueCapacity) {
}

package lv.sargs.gateway.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;

/**
 * A numbered, signed statement that the trail's record {@code covers}, in {@code file}, has hash
 * {@code hash}: written into the trail itself and appended to the checkpoints file outside the
 * trail's directory, so a trail cut back, deleted or replaced by an older copy no longer matches.
 *
 * @param signature base64, empty when the gateway has no audit key (checkpoints unsigned)
 */
public record Checkpoint(long number, long covers, String hash, String file, Instant at, String keyLabel,
                         String algorithm, String signature) {

    /** The bytes signed: a fixed context and every member but the signature, one per line. */
    public byte[] signedBytes() {
        return ("Sargs audit checkpoint v2\n" + number + '\n' + covers + '\n' + hash + '\n' + file + '\n' + at)
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Whether it carries a signature. */
    public boolean signed() {
        return !signature.isEmpty();
    }

    /** Whether the signature verifies with {@code key}. */
    public boolean verifies(PublicKey key) {
        if (!signed()) {
            return false;
        }
        try {
            Signature s = Signature.getInstance(algorithm);
            s.initVerify(key);
            s.update(signedBytes());
            return s.verify(Base64.getDecoder().decode(signature));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** This checkpoint as the members of a trail record. */
    AuditRecord asRecord() {
        return AuditRecord.of(AuditEvent.CHECKPOINT).with("checkpoint", Long.toString(number))
                .with("covers", Long.toString(covers)).with("hash", hash).with("file", file)
                .with("keyLabel", keyLabel).with("alg", algorithm).with("sig", signature);
    }

    /** This checkpoint as one line of the checkpoints file. */
    String asLine() {
        StringBuilder out = new StringBuilder(512).append("{\"checkpoint\":").append(number).append(",\"covers\":")
                .append(covers).append(",\"hash\":\"").append(hash).append("\",\"file\":");
        Json.string(out, file);
        out.append(",\"at\":\"").append(at).append("\",\"keyLabel\":");
        Json.string(out, keyLabel);
        out.append(",\"alg\":");
        Json.string(out, algorithm);
        return out.append(",\"sig\":\"").append(signature).append("\"}").toString();
    }

    /** Reads a checkpoint from a trail record or a checkpoints-file line; numbers may be strings or numbers. */
    static Checkpoint from(JsonNode n) {
        return new Checkpoint(n.path("checkpoint").asLong(), n.path("covers").asLong(), n.path("hash").asText(),
                n.path("file").asText(), Instant.parse(n.path("at").asText()), n.path("keyLabel").asText(),
                n.path("alg").asText(), n.path("sig").asText());
    }
}

package lv.sargs.provisioning.backup;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * What a backup holds and who made it, signed on the token: every file with its SHA-256 and size,
 * the key that signed, and the public-key fingerprints of the keys the stores are encrypted with.
 *
 * @param signerLabel the key on the token that signed this manifest
 * @param storageKeys label to SHA-256 (hex) of the public key of each storage key the stores need
 */
public record Manifest(int format, String created, String token, String signerLabel, String signerAlgorithm,
                       Map<String, String> storageKeys, List<Entry> files) {

    static final int FORMAT = 1;
    static final String NAME = "manifest.json";
    static final String SIGNATURE = "manifest.sig";
    static final String DATA = "data/";
    static final String CONFIG = "config/";

    private static final ObjectMapper JSON = new ObjectMapper();

    public Manifest {
        storageKeys = Map.copyOf(storageKeys);
        files = List.copyOf(files);
    }

    /** One file in the backup: its path inside the archive, SHA-256 (hex) and size. */
    public record Entry(String path, String sha256, long size) {
    }

    byte[] toJson() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new IllegalStateException("manifest JSON cannot be written", e);
        }
    }

    static Manifest parse(byte[] json) throws IOException {
        return JSON.readValue(json, Manifest.class);
    }
}

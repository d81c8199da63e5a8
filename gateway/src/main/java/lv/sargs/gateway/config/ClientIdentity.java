package lv.sargs.gateway.config;

import java.util.Arrays;
import javax.security.auth.x500.X500Principal;

/** How a declared client's certificate is recognised: by SHA-256 fingerprint, or by subject and issuer. */
public sealed interface ClientIdentity {

    /** Matches the certificate whose DER encoding has this SHA-256 digest. */
    record Fingerprint(byte[] sha256) implements ClientIdentity {
        public Fingerprint {
            sha256 = sha256.clone();
        }

        @Override
        public byte[] sha256() {
            return sha256.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Fingerprint f && Arrays.equals(f.sha256, sha256);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(sha256);
        }

        @Override
        public String toString() {
            return "sha256 " + java.util.HexFormat.ofDelimiter(":").withUpperCase().formatHex(sha256);
        }
    }

    /** Matches any certificate with exactly this subject issued under exactly this issuer name. */
    record SubjectAndIssuer(X500Principal subject, X500Principal issuer) implements ClientIdentity {
    }
}

package lv.sargs.gateway.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed pseudonyms of the trail's subjects: HMAC-SHA256 under a key derived on the token (as the
 * stores' keys are), so a reader of the trail learns no personal code and cannot test guesses,
 * while an investigator holding the token computes the pseudonym of the code in question. One
 * subject is one pseudonym whatever form was typed: {@code 130800-21699} and {@code 13080021699}
 * both normalise to {@code 13080021699}.
 */
public final class Pseudonyms {

    /** The purpose the key is derived for ({@code StorageKey.derive(token, label, PURPOSE)}). */
    public static final String PURPOSE = "audit-pseudonym";
    /** Every pseudonym starts with this, so a reader tells it from a clear identifier. */
    public static final String PREFIX = "ps1:";

    private final SecretKeySpec key;
    // One initialised Mac per thread: no provider look-up on the lookup path.
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::mac);

    /** @param hexKey the derived key as hex characters; copied, the caller wipes its own */
    public Pseudonyms(char[] hexKey) {
        byte[] bytes = HexFormat.of().parseHex(new String(hexKey));
        this.key = new SecretKeySpec(bytes, "HmacSHA256");
        Arrays.fill(bytes, (byte) 0);
    }

    /** The pseudonym of a natural person by personal code, in either written form. */
    public String person(String personalCode) {
        return of("person", personalCode);
    }

    /** The pseudonym of a legal person by registration number. */
    public String company(String registrationNumber) {
        return of("company", registrationNumber);
    }

    /** The pseudonym of subject {@code id} of {@code kind} ({@code person}, {@code company}). */
    public String of(String kind, String id) {
        byte[] tag = macs.get().doFinal((kind + ':' + normalise(id)).getBytes(StandardCharsets.UTF_8));
        return PREFIX + HexFormat.of().formatHex(tag, 0, 16);
    }

    private Mac mac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    /** The identifier as the registers write it: letters and digits only, upper case. */
    static String normalise(String id) {
        StringBuilder out = new StringBuilder(id.length());
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                out.append(c);
            }
        }
        return out.toString().toUpperCase(Locale.ROOT);
    }
}

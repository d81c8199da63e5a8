package lv.sargs.gateway.treasury;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * Identifiers fixed once, when a payment is first stored: the gateway's payment id and, for a
 * payment the gateway writes from JSON, its MsgId, PmtInfId and EndToEndIds (all within ISO's 35
 * characters). They are derived from the client and its Idempotency-Key, not drawn at random, so
 * that a retry landing on another appliance behind the same load balancer yields the same
 * identifiers and the counterpart's duplicate check on MsgId stops a second payment
 * ({@code docs/ha.md}; that eKase checks MsgIds so is unconfirmed).
 *
 * @param paymentId 20 lower-case base-32 characters: 100 bits of SHA-256 over the client and key
 */
record PaymentIds(String paymentId) {

    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    /** Separates this use of the hash from any other; change it only with a new identifier scheme. */
    private static final String DOMAIN = "sargs payment ids v1";

    /** The identifiers of the payment {@code client} submits under {@code idempotencyKey}. */
    static PaymentIds derive(String client, String idempotencyKey) {
        byte[] bytes;
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            // Length-prefixed fields: no two (client, key) pairs hash the same input.
            for (String part : new String[] {DOMAIN, client, idempotencyKey}) {
                byte[] utf8 = part.getBytes(StandardCharsets.UTF_8);
                sha256.update(new byte[] {(byte) (utf8.length >>> 24), (byte) (utf8.length >>> 16),
                    (byte) (utf8.length >>> 8), (byte) utf8.length});
                sha256.update(utf8);
            }
            bytes = sha256.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
        StringBuilder id = new StringBuilder(20);
        long buffer = 0;
        int bits = 0;
        for (int i = 0; id.length() < 20; i++) {
            buffer = (buffer << 8) | (bytes[i] & 0xff);
            bits += 8;
            while (bits >= 5 && id.length() < 20) {
                id.append(BASE32[(int) (buffer >>> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        return new PaymentIds(id.toString());
    }

    /** {@code SRG-<ID>}: 24 characters. */
    String msgId() {
        return "SRG-" + paymentId.toUpperCase(Locale.ROOT);
    }

    /** {@code SRG-<ID>-P1}. */
    String pmtInfId() {
        return msgId() + "-P1";
    }

    /** {@code SRG-<ID>-T<n>}, n from 1. */
    String endToEndId(int n) {
        return msgId() + "-T" + n;
    }
}

package lv.sargs.gateway.treasury;

import java.security.SecureRandom;

/**
 * Identifiers fixed once, when a payment is first stored: the gateway's payment id and, for a
 * payment the gateway writes from JSON, its MsgId, PmtInfId and EndToEndIds (all within ISO's
 * 35 characters and unique with overwhelming probability: 100 random bits).
 *
 * @param paymentId 20 lower-case base-32 characters
 */
record PaymentIds(String paymentId) {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    static PaymentIds generate() {
        byte[] bytes = new byte[13];
        RANDOM.nextBytes(bytes);
        StringBuilder id = new StringBuilder(20);
        long buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
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
        return "SRG-" + paymentId.toUpperCase(java.util.Locale.ROOT);
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

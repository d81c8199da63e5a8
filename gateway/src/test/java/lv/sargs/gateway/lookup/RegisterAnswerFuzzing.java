package lv.sargs.gateway.lookup;

import lv.sargs.gateway.http.FuzzContract;
import lv.sargs.gateway.upstream.JsonBodies;

/**
 * The fuzz contract every register's answer shares: the upstream client's well-formedness check
 * first, then each section mapping, where only a {@link RegisterAnswerException} in the gateway's
 * own words may come out.
 */
public final class RegisterAnswerFuzzing {

    private RegisterAnswerFuzzing() {
    }

    /** Whether {@code data} passes the well-formedness check; a refusal's words are checked when it does not. */
    public static boolean wellFormed(byte[] data) {
        String malformed = JsonBodies.malformation(data);
        if (malformed != null) {
            FuzzContract.ownWords(malformed, data);
        }
        return malformed == null;
    }

    /** Runs one section mapping of {@code data}; its refusal must be in the gateway's own words. */
    public static void mapped(Runnable mapping, byte[] data) {
        try {
            mapping.run();
        } catch (RegisterAnswerException e) {
            FuzzContract.ownWords(e.getMessage(), data);
        }
    }
}

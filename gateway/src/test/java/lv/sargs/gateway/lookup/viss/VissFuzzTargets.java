package lv.sargs.gateway.lookup.viss;

import lv.sargs.gateway.http.FuzzContract;
import lv.sargs.gateway.lookup.RegisterAnswerException;
import lv.sargs.gateway.upstream.JsonBodies;

/**
 * Fuzz target for what VISS answers, as the gateway reads it: the well-formedness check of the
 * client ({@link VissClient}), the not-found test, and every mapping into the standard sections. A
 * finding is any exception but {@link RegisterAnswerException}, or words that are not the gateway's.
 */
public final class VissFuzzTargets {

    private VissFuzzTargets() {
    }

    /** One VISS answer body, through every section mapping. */
    public static final class VissAnswer {
        public static void fuzzerTestOneInput(byte[] data) {
            String malformed = JsonBodies.malformation(data);
            if (malformed != null) {
                FuzzContract.ownWords(malformed, data);
                return;
            }
            EntityNotFound.in(data);
            map(() -> VissSections.registration(data), data);
            map(() -> VissSections.beneficialOwners(data), data);
            map(() -> VissSections.insolvency(data), data);
            map(() -> VissSections.roles(data), data);
        }

        private static void map(java.util.function.Supplier<byte[]> mapping, byte[] data) {
            try {
                mapping.get();
            } catch (RegisterAnswerException e) {
                FuzzContract.ownWords(e.getMessage(), data);
            }
        }
    }
}

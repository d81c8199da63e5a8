package lv.sargs.gateway.lookup.viss;

import lv.sargs.gateway.lookup.RegisterAnswerException;
import lv.sargs.gateway.lookup.RegisterAnswerFuzzing;

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
            if (!RegisterAnswerFuzzing.wellFormed(data)) {
                return;
            }
            EntityNotFound.in(data);
            RegisterAnswerFuzzing.mapped(() -> VissSections.registration(data), data);
            RegisterAnswerFuzzing.mapped(() -> VissSections.beneficialOwners(data), data);
            RegisterAnswerFuzzing.mapped(() -> VissSections.insolvency(data), data);
            RegisterAnswerFuzzing.mapped(() -> VissSections.roles(data), data);
        }
    }
}

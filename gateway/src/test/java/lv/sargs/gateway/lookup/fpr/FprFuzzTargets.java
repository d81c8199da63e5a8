package lv.sargs.gateway.lookup.fpr;

import lv.sargs.gateway.lookup.RegisterAnswerException;
import lv.sargs.gateway.lookup.RegisterAnswerFuzzing;

/**
 * Fuzz target for what the population register answers, as the gateway reads it: the
 * well-formedness check of {@link FprClient}, then the mapping into the {@code population} section.
 * A finding is any exception but {@link RegisterAnswerException}, or words that are not the gateway's.
 */
public final class FprFuzzTargets {

    private FprFuzzTargets() {
    }

    /** One population register answer body. */
    public static final class FprAnswer {
        public static void fuzzerTestOneInput(byte[] data) {
            if (RegisterAnswerFuzzing.wellFormed(data)) {
                RegisterAnswerFuzzing.mapped(() -> FprSections.population(data), data);
            }
        }
    }
}

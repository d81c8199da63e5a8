package lv.sargs.gateway.lookup.vid;

import lv.sargs.gateway.lookup.RegisterAnswerException;
import lv.sargs.gateway.lookup.RegisterAnswerFuzzing;

/**
 * Fuzz target for what the State Revenue Service answers, as the gateway reads it: the
 * well-formedness check of {@link VidClient}, then the mapping into the {@code taxData} section. A
 * finding is any exception but {@link RegisterAnswerException}, or words that are not the gateway's.
 */
public final class VidFuzzTargets {

    private VidFuzzTargets() {
    }

    /** One VID taxpayer answer body. */
    public static final class VidAnswer {
        public static void fuzzerTestOneInput(byte[] data) {
            if (RegisterAnswerFuzzing.wellFormed(data)) {
                RegisterAnswerFuzzing.mapped(() -> VidSections.taxData(data), data);
            }
        }
    }
}

package lv.sargs.gateway;

import java.time.Duration;
import java.util.Optional;
import lv.sargs.hsm.PinSource;
import lv.sargs.hsm.Pkcs11Settings;
import lv.sargs.testkit.SoftHsm2;
import lv.sargs.testkit.SoftHsm2Tokens;

/**
 * SoftHSM2 tokens for this module's in-process integration tests, one per caller (the IT classes
 * share one JVM, see {@link SoftHsm2Tokens}). Never resets the token directory.
 */
public final class SoftHsmTokens {

    private static final SoftHsm2Tokens TOKENS = new SoftHsm2Tokens("sargs-gw-it", "4711-it", 6, false);

    private SoftHsmTokens() {
    }

    /** Settings that open a fresh token of the caller's own. */
    public static Pkcs11Settings fresh() {
        SoftHsm2Tokens.Made token = TOKENS.take();
        return new Pkcs11Settings(SoftHsm2.library(), Optional.of(token.label()), Optional.empty(),
                new PinSource.File(token.pinFile()), 64, Duration.ofSeconds(10), Duration.ofSeconds(1));
    }
}

package lv.sargs.e2e;

import java.time.Duration;
import java.util.Optional;
import lv.sargs.hsm.PinSource;
import lv.sargs.hsm.Pkcs11Settings;
import lv.sargs.testkit.SoftHsm2;
import lv.sargs.testkit.SoftHsm2Tokens;

/** SoftHSM2 tokens for the end-to-end tests, one per caller (see {@link SoftHsm2Tokens}). */
public final class E2eTokens {

    private static final SoftHsm2Tokens TOKENS = new SoftHsm2Tokens("sargs-e2e", "e2e-user-pin", 8, true);

    private E2eTokens() {
    }

    /** Settings that open a fresh token of the caller's own. */
    public static Pkcs11Settings fresh() {
        SoftHsm2Tokens.Made token = TOKENS.take();
        return new Pkcs11Settings(SoftHsm2.library(), Optional.of(token.label()), Optional.empty(),
                new PinSource.File(token.pinFile()), 64, Duration.ofSeconds(5), Duration.ofMillis(500));
    }
}

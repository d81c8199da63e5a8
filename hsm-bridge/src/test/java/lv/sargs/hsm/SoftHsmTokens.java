package lv.sargs.hsm;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import lv.sargs.testkit.SoftHsm2;
import lv.sargs.testkit.SoftHsm2Tokens;

/** Fresh SoftHSM2 tokens with PIN files, and the settings that open them, for hsm-bridge tests. */
public final class SoftHsmTokens {

    /** The user PIN of every test token; tests assert it never shows up in messages. */
    public static final String PIN = "1234-user-pin";

    private static final SoftHsm2Tokens TOKENS = new SoftHsm2Tokens("sargs-test", PIN, 12, true);

    private SoftHsmTokens() {
    }

    /** A token of its own for the caller, opened by label (see {@link SoftHsm2Tokens} for why a pool). */
    public static Pkcs11Settings fresh() {
        SoftHsm2Tokens.Made token = TOKENS.take();
        return settings(Optional.of(token.label()), Optional.empty(), token.pinFile());
    }

    /** Settings for the token labelled {@code label} with the PIN in {@code pinFile}. */
    public static Pkcs11Settings settings(Optional<String> label, Optional<String> serial, Path pinFile) {
        return new Pkcs11Settings(SoftHsm2.library(), label, serial, new PinSource.File(pinFile), 64,
                Duration.ofSeconds(5), Duration.ofMillis(200));
    }

    /** Writes {@code pin} to a file readable by its owner only. */
    public static Path pinFile(SoftHsm2 softHsm, String name, String pin) {
        return softHsm.pinFile(name, pin);
    }
}

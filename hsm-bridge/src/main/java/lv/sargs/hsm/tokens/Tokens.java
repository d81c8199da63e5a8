package lv.sargs.hsm.tokens;

import lv.sargs.hsm.Pkcs11Settings;
import lv.sargs.hsm.Token;
import lv.sargs.hsm.TokenException;
import lv.sargs.hsm.demo.DemoToken;
import lv.sargs.hsm.pkcs11.Pkcs11Token;

/** Opens the appliance's token: a PKCS#11 token from settings, or the in-memory demo token. */
public final class Tokens {

    private Tokens() {
    }

    /**
     * Opens and logs in to the configured PKCS#11 token, starting its executor and health probe.
     * The JVM needs {@code --add-exports jdk.crypto.cryptoki/sun.security.pkcs11.wrapper=ALL-UNNAMED}
     * (see {@code docs/hsm.md}); without it this fails with {@code CONFIGURATION} saying so.
     *
     * @throws TokenException {@code CONFIGURATION} when the library or token is not found,
     *     {@code LOGIN_FAILED} when the PIN is refused (the message names the token, never the PIN)
     */
    public static Token open(Pkcs11Settings settings) {
        return Pkcs11Token.open(settings);
    }

    /** A fresh in-memory demo token; it reports itself as not for production. */
    public static Token demo() {
        return DemoToken.create();
    }
}

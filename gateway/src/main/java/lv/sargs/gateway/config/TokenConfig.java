package lv.sargs.gateway.config;

import lv.sargs.hsm.Pkcs11Settings;

/** Which token holds the gateway's private keys: a PKCS#11 token, or the in-memory demo token. */
public sealed interface TokenConfig {

    /** The in-memory demo token: NOT FOR PRODUCTION, allowed only with loopback listeners. */
    record Demo() implements TokenConfig {
    }

    /** A PKCS#11 token (HSM or smartcard) reached through its vendor library. */
    record Pkcs11(Pkcs11Settings settings) implements TokenConfig {
    }
}

package lv.sargs.hsm.pkcs11;

import java.util.Set;
import lv.sargs.hsm.TokenException;
import lv.sargs.hsm.TokenException.Code;
import sun.security.pkcs11.wrapper.PKCS11Exception;

/** Turns what SunPKCS11 and the library throw into a {@link TokenException} with a stable code. */
final class Pkcs11Errors {

    // PKCS#11 v2.40 return values that mean "the token, not this request, is the problem".
    private static final Set<Long> UNAVAILABLE = Set.of(
            0x03L /* SLOT_ID_INVALID */, 0x05L /* GENERAL_ERROR */, 0x06L /* FUNCTION_FAILED */,
            0x30L /* DEVICE_ERROR */, 0x31L /* DEVICE_MEMORY */, 0x32L /* DEVICE_REMOVED */,
            0x60L /* KEY_HANDLE_INVALID */, 0x82L /* OBJECT_HANDLE_INVALID */, 0xB0L /* SESSION_CLOSED */,
            0xB3L /* SESSION_HANDLE_INVALID */, 0xE0L /* TOKEN_NOT_PRESENT */, 0xE1L /* TOKEN_NOT_RECOGNIZED */,
            0x101L /* USER_NOT_LOGGED_IN */, 0x190L /* CRYPTOKI_NOT_INITIALIZED */);
    private static final Set<Long> LOGIN = Set.of(
            0xA0L /* PIN_INCORRECT */, 0xA1L /* PIN_INVALID */, 0xA2L /* PIN_LEN_RANGE */,
            0xA3L /* PIN_EXPIRED */, 0xA4L /* PIN_LOCKED */);

    private Pkcs11Errors() {
    }

    /** The PKCS#11 error in {@code e}'s causes, or null. */
    static PKCS11Exception pkcs11Cause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PKCS11Exception p) {
                return p;
            }
        }
        return null;
    }

    /** Whether {@code e} says the token as a whole is unusable (removed, logged out, failing). */
    static boolean tokenLevel(Throwable e) {
        PKCS11Exception p = pkcs11Cause(e);
        if (p != null) {
            return UNAVAILABLE.contains(p.getErrorCode());
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            // SunPKCS11's own words when its token went away.
            if (t.getMessage() != null && t.getMessage().contains("Token has been removed")) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code e} says the PIN was refused. */
    static boolean loginRefused(Throwable e) {
        PKCS11Exception p = pkcs11Cause(e);
        return p != null && LOGIN.contains(p.getErrorCode());
    }

    /** A typed exception for {@code e}, naming the token and what was being done; never the PIN. */
    static TokenException map(String tokenName, String what, Throwable e) {
        if (e instanceof TokenException te) {
            return te;
        }
        PKCS11Exception p = pkcs11Cause(e);
        String detail = p != null ? p.getMessage() : String.valueOf(e.getMessage());
        if (loginRefused(e)) {
            return new TokenException(Code.LOGIN_FAILED, tokenName + ": the PIN was refused (" + detail + ")", e);
        }
        if (tokenLevel(e)) {
            return new TokenException(Code.UNAVAILABLE, tokenName + ": " + what + " failed, token unavailable ("
                    + detail + ")", e);
        }
        return new TokenException(Code.OPERATION_FAILED, tokenName + ": " + what + " failed (" + detail + ")", e);
    }
}

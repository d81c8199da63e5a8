package lv.sargs.hsm.pkcs11;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import lv.sargs.hsm.TokenException;
import lv.sargs.hsm.TokenException.Code;
import sun.security.pkcs11.wrapper.CK_C_INITIALIZE_ARGS;
import sun.security.pkcs11.wrapper.CK_TOKEN_INFO;
import sun.security.pkcs11.wrapper.PKCS11;
import sun.security.pkcs11.wrapper.PKCS11Constants;
import sun.security.pkcs11.wrapper.PKCS11Exception;

/**
 * The PKCS#11 library itself, through the JDK's own wrapper (the one SunPKCS11 uses, shared per
 * library path in the process): what SunPKCS11's configuration cannot do — choose a slot by token
 * label or serial — and what the health probe needs: token presence and login state.
 */
final class Cryptoki {

    static final String EXPORT_FLAG = "--add-exports jdk.crypto.cryptoki/sun.security.pkcs11.wrapper=ALL-UNNAMED";

    private final Path library;
    private final PKCS11 p11;

    private Cryptoki(Path library, PKCS11 p11) {
        this.library = library;
        this.p11 = p11;
    }

    /** The slot a token sits in: its position in the full slot list (SunPKCS11's slotListIndex) and its id. */
    record Slot(int listIndex, long id, String label, String serial) {
    }

    /**
     * Refuses to go on unless the JDK's wrapper is exported to this module. Checked through the
     * module layer, before any wrapper class is touched: touching one would fail with an
     * {@link IllegalAccessError} instead of this message.
     */
    static void requireWrapperAccess(String tokenName) {
        Module cryptoki = ModuleLayer.boot().findModule("jdk.crypto.cryptoki").orElseThrow(() -> new TokenException(
                Code.CONFIGURATION, tokenName + ": this Java runtime has no module jdk.crypto.cryptoki"
                        + " (expected: a runtime that includes it, e.g. jlink --add-modules jdk.crypto.cryptoki)"));
        if (!cryptoki.isExported("sun.security.pkcs11.wrapper", Cryptoki.class.getModule())) {
            throw new TokenException(Code.CONFIGURATION, tokenName + ": the JVM was started without "
                    + EXPORT_FLAG + " (expected: that option on the java command line, see docs/hsm.md)");
        }
    }

    /** Loads (once per process) and initialises the library at {@code library}; call {@link #requireWrapperAccess} first. */
    static Cryptoki load(Path library, String tokenName) {
        if (!Files.isReadable(library)) {
            throw new TokenException(Code.CONFIGURATION, tokenName + ": PKCS#11 library " + library
                    + " is not a readable file (expected: the vendor's PKCS#11 module, e.g. /usr/lib/softhsm/libsofthsm2.so)");
        }
        CK_C_INITIALIZE_ARGS args = new CK_C_INITIALIZE_ARGS();
        args.flags = PKCS11Constants.CKF_OS_LOCKING_OK;
        try {
            return new Cryptoki(library, PKCS11.getInstance(library.toString(), "C_GetFunctionList", args, false));
        } catch (PKCS11Exception | java.io.IOException e) {
            throw new TokenException(Code.CONFIGURATION, tokenName + ": cannot load PKCS#11 library " + library
                    + ": " + e.getMessage(), e);
        }
    }

    Path library() {
        return library;
    }

    /** The JDK wrapper, for tests that read object attributes back. */
    PKCS11 raw() {
        return p11;
    }

    /**
     * Finds the initialised token with {@code label} or {@code serial}; refuses an unknown or
     * ambiguous choice, listing the tokens that are there.
     */
    Slot find(Optional<String> label, Optional<String> serial, String tokenName) throws PKCS11Exception {
        long[] slots = p11.C_GetSlotList(false);
        List<Slot> matches = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < slots.length; i++) {
            CK_TOKEN_INFO info;
            try {
                info = p11.C_GetTokenInfo(slots[i]);
            } catch (PKCS11Exception noTokenInSlot) {
                continue;
            }
            if ((info.flags & PKCS11Constants.CKF_TOKEN_INITIALIZED) == 0) {
                continue;
            }
            Slot slot = new Slot(i, slots[i], trim(info.label), trim(info.serialNumber));
            seen.add("'" + slot.label() + "' (serial " + slot.serial() + ")");
            if (label.map(slot.label()::equals).orElse(true) && serial.map(slot.serial()::equals).orElse(true)) {
                matches.add(slot);
            }
        }
        if (matches.size() != 1) {
            throw new TokenException(Code.CONFIGURATION, tokenName + ": " + (matches.isEmpty() ? "no" : matches.size())
                    + " initialised token" + (matches.isEmpty() ? "" : "s") + " with"
                    + label.map(l -> " label '" + l + "'").orElse("") + serial.map(s -> " serial '" + s + "'").orElse("")
                    + " in " + library + " (expected: exactly one; present: " + (seen.isEmpty() ? "none" : String.join(", ", seen)) + ")");
        }
        return matches.get(0);
    }

    /** The label and serial of the token now in {@code slotId}; fails when no token is there. */
    String[] labelAndSerial(long slotId) throws PKCS11Exception {
        CK_TOKEN_INFO info = p11.C_GetTokenInfo(slotId);
        return new String[] {trim(info.label), trim(info.serialNumber)};
    }

    long openSession(long slotId) throws PKCS11Exception {
        return p11.C_OpenSession(slotId, PKCS11Constants.CKF_SERIAL_SESSION, null, null);
    }

    void closeSession(long session) {
        try {
            p11.C_CloseSession(session);
        } catch (PKCS11Exception alreadyGone) {
            // The token took the session with it; nothing left to release.
        }
    }

    /** Whether this process is logged in as the user on the session's token. */
    boolean loggedIn(long session) throws PKCS11Exception {
        long state = p11.C_GetSessionInfo(session).state;
        return state == PKCS11Constants.CKS_RO_USER_FUNCTIONS || state == PKCS11Constants.CKS_RW_USER_FUNCTIONS;
    }

    private static String trim(char[] padded) {
        return new String(padded).trim();
    }
}

package lv.sargs.hsm.pkcs11;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import lv.sargs.hsm.Pkcs11Settings;
import sun.security.pkcs11.wrapper.CK_ATTRIBUTE;
import sun.security.pkcs11.wrapper.PKCS11;
import sun.security.pkcs11.wrapper.PKCS11Constants;

/** Reads a token's objects straight through PKCS#11, to check what SunPKCS11 really stored. */
final class TokenObjects {

    private TokenObjects() {
    }

    static Cryptoki.Slot slot(Pkcs11Settings settings) throws Exception {
        return Cryptoki.load(settings.library(), "test").find(settings.tokenLabel(), settings.tokenSerial(), "test");
    }

    static String serialOf(Pkcs11Settings settings) {
        try {
            return slot(settings).serial();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The boolean protection attributes of the private key whose CKA_ID is {@code label}; needs a logged-in process. */
    static Map<String, Boolean> privateKeyFlags(Pkcs11Settings settings, String label) throws Exception {
        Cryptoki cryptoki = Cryptoki.load(settings.library(), "test");
        PKCS11 p11 = cryptoki.raw();
        long session = cryptoki.openSession(slot(settings).id());
        try {
            p11.C_FindObjectsInit(session, new CK_ATTRIBUTE[] {
                new CK_ATTRIBUTE(PKCS11Constants.CKA_CLASS, PKCS11Constants.CKO_PRIVATE_KEY),
                new CK_ATTRIBUTE(PKCS11Constants.CKA_ID, label.getBytes(StandardCharsets.UTF_8))});
            long[] found = p11.C_FindObjects(session, 2);
            p11.C_FindObjectsFinal(session);
            if (found.length != 1) {
                throw new AssertionError(found.length + " private keys with CKA_ID '" + label + "' (expected: 1)");
            }
            Map<String, Long> names = new LinkedHashMap<>();
            names.put("CKA_TOKEN", PKCS11Constants.CKA_TOKEN);
            names.put("CKA_PRIVATE", PKCS11Constants.CKA_PRIVATE);
            names.put("CKA_SENSITIVE", PKCS11Constants.CKA_SENSITIVE);
            names.put("CKA_EXTRACTABLE", PKCS11Constants.CKA_EXTRACTABLE);
            names.put("CKA_ALWAYS_SENSITIVE", PKCS11Constants.CKA_ALWAYS_SENSITIVE);
            names.put("CKA_NEVER_EXTRACTABLE", PKCS11Constants.CKA_NEVER_EXTRACTABLE);
            Map<String, Boolean> flags = new LinkedHashMap<>();
            for (var e : names.entrySet()) {
                CK_ATTRIBUTE[] attribute = {new CK_ATTRIBUTE(e.getValue())};
                p11.C_GetAttributeValue(session, found[0], attribute);
                flags.put(e.getKey(), attribute[0].getBoolean());
            }
            return flags;
        } finally {
            cryptoki.closeSession(session);
        }
    }
}

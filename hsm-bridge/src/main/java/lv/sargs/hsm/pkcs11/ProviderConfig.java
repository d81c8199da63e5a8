package lv.sargs.hsm.pkcs11;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The SunPKCS11 configuration for one token: the slot by list index (found by label or serial),
 * and attribute templates so generated private keys are persistent, private, sensitive and
 * non-extractable token objects — SunPKCS11's defaults would leave them extractable — while the
 * public half stays a session object (its certificate carries it).
 */
final class ProviderConfig {

    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private ProviderConfig() {
    }

    /** A unique provider name per instance: re-opened and parallel tokens must not collide in {@code Security}. */
    static String uniqueName(String label) {
        return "sargs-" + label.replaceAll("[^A-Za-z0-9-]", "_") + "-" + INSTANCES.incrementAndGet();
    }

    static String text(String name, Path library, int slotListIndex) {
        return String.join("\n",
                "name = " + name,
                "library = " + library,
                "slotListIndex = " + slotListIndex,
                "attributes(generate, CKO_PRIVATE_KEY, *) = {",
                "  CKA_TOKEN = true",
                "  CKA_PRIVATE = true",
                "  CKA_SENSITIVE = true",
                "  CKA_EXTRACTABLE = false",
                "  CKA_SIGN = true",
                "}",
                "attributes(generate, CKO_PRIVATE_KEY, CKK_RSA) = {",
                "  CKA_DECRYPT = true",
                "  CKA_UNWRAP = true",
                "}",
                "attributes(generate, CKO_PRIVATE_KEY, CKK_EC) = {",
                "  CKA_DERIVE = true",
                "}",
                "attributes(generate, CKO_PUBLIC_KEY, *) = {",
                "  CKA_TOKEN = false",
                "}",
                "");
    }
}

package lv.sargs.gateway.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.concurrent.CompletionException;
import lv.sargs.hsm.KeySpec;
import lv.sargs.hsm.Token;
import lv.sargs.hsm.tokens.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StorageKeyTest {

    private final Token token = Tokens.demo();

    @AfterEach
    void closeToken() {
        token.close();
    }

    @Test
    void derivesTheSameKeyEveryTimeFromTheSameRsaKey() {
        token.generateKeyPair("storage", KeySpec.RSA_2048);

        char[] first = StorageKey.derive(token, "storage", "cache").join();
        char[] second = StorageKey.derive(token, "storage", "cache").join();

        assertEquals(64, first.length);
        assertArrayEquals(first, second);
    }

    @Test
    void separatesPurposes() {
        token.generateKeyPair("storage", KeySpec.RSA_2048);

        assertFalse(Arrays.equals(StorageKey.derive(token, "storage", "cache").join(),
                StorageKey.derive(token, "storage", "audit").join()));
    }

    @Test
    void refusesAKeyWhoseSignaturesAreNotDeterministic() {
        token.generateKeyPair("ec", KeySpec.EC_P256);

        CompletionException e = assertThrows(CompletionException.class,
                () -> StorageKey.derive(token, "ec", "cache").join());
        assertTrue(e.getCause().getMessage().contains("ec"), e.getCause().getMessage());
    }
}

package lv.sargs.gateway.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.netty.handler.ssl.OpenSslSessionTicketKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The ticket-key schedule, on a clock the test moves: what the context is given, and when. */
class SessionTicketsTest {

    private static final Duration ROTATION = Duration.ofHours(1);

    private final AtomicLong clock = new AtomicLong(1_000);
    private final List<OpenSslSessionTicketKey[]> installed = new ArrayList<>();
    private final SessionTickets tickets = new SessionTickets(installed::add, clock::get, ROTATION);

    @Test
    void startsWithOneFreshKey() {
        assertEquals(1, installed.size());
        assertEquals(1, installed.get(0).length);
        OpenSslSessionTicketKey key = installed.get(0)[0];
        assertEquals(OpenSslSessionTicketKey.NAME_SIZE, key.name().length);
        assertEquals(OpenSslSessionTicketKey.HMAC_KEY_SIZE, key.hmacKey().length);
        assertEquals(OpenSslSessionTicketKey.AES_KEY_SIZE, key.aesKey().length);
        assertFalse(Arrays.equals(new byte[OpenSslSessionTicketKey.AES_KEY_SIZE], key.aesKey()), "a random key");
    }

    @Test
    void keepsItsKeysUntilTheRotationIsDue() {
        clock.addAndGet(ROTATION.toNanos() - 1);
        tickets.rotateIfDue();
        assertEquals(1, installed.size());
    }

    @Test
    void newKeyEncryptsAndThePreviousStillDecryptsAfterARotation() {
        OpenSslSessionTicketKey first = installed.get(0)[0];
        clock.addAndGet(ROTATION.toNanos());
        tickets.rotateIfDue();
        tickets.rotateIfDue();
        assertEquals(2, installed.size(), "one rotation, however many connections arrive");
        OpenSslSessionTicketKey[] keys = installed.get(1);
        assertEquals(2, keys.length);
        assertArrayEquals(first.name(), keys[1].name(), "the previous key, second: decrypts only");
        assertFalse(Arrays.equals(first.name(), keys[0].name()));
        assertFalse(Arrays.equals(first.aesKey(), keys[0].aesKey()));
    }

    @Test
    void noKeyOutlivesTwoRotations() {
        clock.addAndGet(ROTATION.toNanos());
        tickets.rotateIfDue();
        clock.addAndGet(ROTATION.toNanos());
        tickets.rotateIfDue();
        assertEquals(3, installed.size());
        assertArrayEquals(installed.get(1)[0].name(), installed.get(2)[1].name());
        Set<String> names = new HashSet<>();
        installed.forEach(keys -> Arrays.stream(keys).forEach(k -> names.add(Arrays.toString(k.name()))));
        assertEquals(3, names.size(), "each rotation makes a new key; the first one is gone");
    }

    @Test
    void afterAnIdleSpellOfTwoRotationsTheOldKeyIsDroppedToo() {
        clock.addAndGet(2 * ROTATION.toNanos());
        tickets.rotateIfDue();
        assertEquals(2, installed.size());
        assertEquals(1, installed.get(1).length, "only the new key: the old one is too old to decrypt");
    }
}

package lv.sargs.gateway.treasury;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PaymentStoreTest {

    private static final char[] KEY = "store-key".toCharArray();

    @TempDir
    Path dir;

    private static Payment payment(String id, String client, String key, String msgId) {
        return new Payment(id, client, key, "digest-" + id, msgId, List.of(msgId + "-P1"), List.of(msgId + "-T1"),
                ("<Document>" + msgId + "</Document>").getBytes(StandardCharsets.UTF_8),
                List.of(new StatusChange(Instant.parse("2026-11-21T09:00:00Z"), PaymentState.STORED, null, null, "stored")),
                null, "req-" + id);
    }

    @Test
    void storedPaymentAndEveryStepSurviveReopening() {
        Path file = dir.resolve("payments.mv");
        Payment p = payment("p1", "core", "k1", "M1");
        try (PaymentStore store = PaymentStore.open(file, KEY)) {
            assertTrue(store.create(p).created());
            store.update(p.with(new StatusChange(Instant.parse("2026-11-21T09:00:01Z"), PaymentState.SUBMITTING, null,
                    null, "sending")));
        }
        try (PaymentStore store = PaymentStore.open(file, KEY)) {
            Payment back = store.get("p1").orElseThrow();
            assertEquals(PaymentState.SUBMITTING, back.state());
            assertEquals(2, back.history().size());
            assertArrayEquals(p.pain001(), back.pain001());
            assertNull(back.statusReport());
            assertEquals(List.of(back.id()), store.unfinished().stream().map(Payment::id).toList());
            assertEquals("p1", store.byIdempotencyKey("core", "k1").orElseThrow().id());
        }
    }

    @Test
    void sameKeyReturnsTheFirstPaymentAndKeysAreScopedPerClient() {
        try (PaymentStore store = PaymentStore.open(dir.resolve("payments.mv"), null)) {
            assertTrue(store.create(payment("p1", "core", "k1", "M1")).created());
            PaymentStore.Created again = store.create(payment("p2", "core", "k1", "M2"));
            assertFalse(again.created());
            assertEquals("p1", again.payment().id());
            assertTrue(store.create(payment("p3", "other", "k1", "M3")).created());
        }
    }

    @Test
    void refusesAMsgIdAlreadyUsed() {
        try (PaymentStore store = PaymentStore.open(dir.resolve("payments.mv"), null)) {
            store.create(payment("p1", "core", "k1", "M1"));
            TreasuryException e = assertThrows(TreasuryException.class,
                    () -> store.create(payment("p2", "core", "k2", "M1")));
            assertEquals(TreasuryException.Code.MSG_ID_IN_USE, e.code());
        }
    }

    @Test
    void encryptedStoreHoldsNoPlainPaymentData() throws Exception {
        Path file = dir.resolve("payments.mv");
        try (PaymentStore store = PaymentStore.open(file, KEY)) {
            store.create(payment("p1", "core", "k1", "SECRET-MSG-ID"));
        }
        String raw = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        assertFalse(raw.contains("SECRET-MSG-ID"));
        TreasuryException wrong = assertThrows(TreasuryException.class, () -> PaymentStore.open(file, "nope".toCharArray()));
        assertEquals(TreasuryException.Code.STORE_FAILED, wrong.code());
        assertTrue(wrong.getMessage().startsWith("treasury.store.file: " + file), wrong.getMessage());
    }
}

package lv.sargs.gateway.treasury;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import lv.sargs.gateway.stores.OpenStores;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The payment store's file stays bounded under the gateway's write pattern (a payment stored, then
 * four state changes, each committed and synced on its own), and every acknowledged payment is
 * there when the compacted file is opened again. The retention time is set to 0 on the open store
 * (a setting MVStore does not persist) so that chunks are old enough to compact at once instead of
 * after the default 45 s; everything else runs as in the gateway.
 */
class PaymentStoreCompactionTest {

    private static final char[] KEY = "store-key".toCharArray();
    private static final int PAYMENTS = 1_500;
    /** Without compaction: 1,412 chunks and 34 MB after 1,500 payments, growing linearly; with it 83 and 8 MB. */
    private static final int MAX_CHUNKS = 200;
    private static final long MAX_FILE_BYTES = 12L * 1024 * 1024;
    static final List<PaymentState> STEPS = List.of(PaymentState.SUBMITTING, PaymentState.SUBMITTED,
            PaymentState.ACCEPTED, PaymentState.BOOKED);

    @TempDir
    Path dir;

    @Test
    void fileAndChunkCountStayBoundedAndEveryPaymentSurvivesReopening() {
        Path file = dir.resolve("treasury.mv.db");
        long[] peak = new long[2];
        try (PaymentStore store = PaymentStore.open(file, KEY)) {
            MVStore mv = OpenStores.under(dir).get(file.toAbsolutePath().normalize());
            mv.setRetentionTime(0);
            for (int i = 0; i < PAYMENTS; i++) {
                Payment p = payment(i);
                assertTrue(store.create(p).created());
                Instant at = Instant.parse("2026-12-02T09:00:00Z").plusSeconds(i);
                for (PaymentState s : STEPS) {
                    at = at.plusMillis(100);
                    p = p.with(new StatusChange(at, s, null, null, s.name().toLowerCase()));
                    store.update(p);
                }
                if (i % 100 == 99) {
                    peak[0] = Math.max(peak[0], chunks(mv));
                    peak[1] = Math.max(peak[1], size(file));
                }
            }
            System.out.printf("payment store after %d payments (%d commits): %d chunks, %d bytes; peak %d chunks,"
                    + " %d bytes%n", PAYMENTS, PAYMENTS * 5, chunks(mv), size(file), peak[0], peak[1]);
        }
        assertTrue(peak[0] <= MAX_CHUNKS, "peak chunk count " + peak[0] + " (expected: at most " + MAX_CHUNKS + ")");
        assertTrue(peak[1] <= MAX_FILE_BYTES, "peak file size " + peak[1] + " bytes (expected: at most "
                + MAX_FILE_BYTES + ")");
        try (PaymentStore store = PaymentStore.open(file, KEY)) {
            for (int i = 0; i < PAYMENTS; i++) {
                Payment back = store.get("p" + i).orElseThrow(() -> new AssertionError("payment lost after compaction"));
                assertEquals(PaymentState.BOOKED, back.state(), back.id());
                assertEquals(5, back.history().size(), back.id());
                assertEquals(payment(back.id()).msgId(), back.msgId());
                assertEquals(back.id(), store.byIdempotencyKey("core", "k" + back.id()).orElseThrow().id());
            }
            assertEquals(List.of(), store.unfinished());
        }
    }

    @Test
    void everyAcknowledgedWriteSurvivesKillMinus9WhileCompacting() throws Exception {
        Path file = dir.resolve("treasury.mv.db");
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process child = new ProcessBuilder(javaBin, "-cp", classPath, PaymentStoreKillChild.class.getName(),
                file.toString()).redirectErrorStream(true).start();
        Map<String, Integer> acked = new HashMap<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            // 600 payments = 3,000 writes, ~190 compaction steps; the kill lands wherever the child is.
            while (acked.size() < 600) {
                String line = out.readLine();
                if (line == null) {
                    break;
                }
                if (line.startsWith("acked ")) {
                    String[] f = line.split(" ");
                    acked.put(f[1], Integer.parseInt(f[2]));
                }
            }
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no close of the store
            child.waitFor(10, TimeUnit.SECONDS);
        }
        assertEquals(600, acked.size(), "payments the child acknowledged before the kill");
        try (PaymentStore store = PaymentStore.open(file, KEY)) {
            for (Map.Entry<String, Integer> a : acked.entrySet()) {
                Payment back = store.get(a.getKey()).orElseThrow(() -> new AssertionError(a.getKey() + " lost"));
                assertTrue(back.history().size() >= a.getValue(), a.getKey() + " has " + back.history().size()
                        + " steps (expected: at least the " + a.getValue() + " acknowledged)");
            }
        }
    }

    private static Payment payment(int i) {
        return payment("p" + i);
    }

    static Payment payment(String id) {
        // About 1.5 KB of pain.001, as the gateway's payments carry.
        String doc = "<Document>" + ("<CdtTrfTxInf>" + id + "</CdtTrfTxInf>").repeat(60) + "</Document>";
        return new Payment(id, "core", "k" + id, "digest-" + id, "M-" + id, List.of("M-" + id + "-P1"),
                List.of("M-" + id + "-T1"), doc.getBytes(StandardCharsets.UTF_8),
                List.of(new StatusChange(Instant.parse("2026-12-02T09:00:00Z"), PaymentState.STORED, null, null,
                        "stored")), null, "req-" + id);
    }

    private static long chunks(MVStore mv) {
        AtomicLong count = new AtomicLong();
        mv.populateInfo((k, v) -> {
            if (k.equals("info.CHUNK_COUNT")) {
                count.set(Long.parseLong(v));
            }
        });
        return count.get();
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

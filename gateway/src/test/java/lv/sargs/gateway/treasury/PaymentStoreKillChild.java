package lv.sargs.gateway.treasury;

import java.nio.file.Path;
import java.time.Instant;
import lv.sargs.gateway.stores.OpenStores;

/**
 * A process that writes payments into the store at {@code args[0]} as the gateway does (stored, then
 * four state changes), with the retention time at 0 so that compaction steps run all the time,
 * prints {@code acked <id> <steps>} after each write returns, and goes on until it is killed.
 */
final class PaymentStoreKillChild {

    private PaymentStoreKillChild() {
    }

    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        PaymentStore store = PaymentStore.open(file, "store-key".toCharArray());
        OpenStores.under(file.toAbsolutePath().getParent()).get(file.toAbsolutePath().normalize()).setRetentionTime(0);
        for (int i = 0; ; i++) {
            Payment p = PaymentStoreCompactionTest.payment("p" + i);
            store.create(p);
            System.out.println("acked " + p.id() + " 1");
            Instant at = Instant.parse("2026-12-02T09:00:00Z");
            int steps = 1;
            for (PaymentState s : PaymentStoreCompactionTest.STEPS) {
                at = at.plusMillis(100);
                p = p.with(new StatusChange(at, s, null, null, s.name().toLowerCase()));
                store.update(p);
                System.out.println("acked " + p.id() + " " + ++steps);
            }
            System.out.flush();
        }
    }
}

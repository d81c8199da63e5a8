package lv.sargs.gateway.treasury;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import lv.sargs.gateway.stores.StoreCompaction;

/**
 * The durable payment store (MVStore): payments by id, and indexes by client + idempotency key
 * and by MsgId. Every write is committed and then synced to disk ({@code commit()} alone does not
 * fsync) before it returns, so what a client was told, and every step of a payment's state
 * machine, survives {@code kill -9} and power loss. Writes are serialised; reads are lock-free.
 */
final class PaymentStore implements AutoCloseable {

    /** The result of {@link #create}: the payment now stored under the key, and whether it is new. */
    record Created(Payment payment, boolean created) {
    }

    private final MVStore store;
    private final MVMap<String, String> payments;
    private final MVMap<String, String> byKey;
    private final MVMap<String, String> byMsgId;
    private final Path file;
    private final PaymentListener listener;
    private final StoreCompaction compaction;

    private PaymentStore(Path file, MVStore store, PaymentListener listener) {
        this.file = file;
        this.store = store;
        this.listener = listener;
        this.compaction = new StoreCompaction(file, store, true);
        this.payments = store.openMap("payments");
        this.byKey = store.openMap("idempotency");
        this.byMsgId = store.openMap("msgIds");
    }

    /**
     * Opens (or creates) the store at {@code file}, encrypted with {@code key} when it is not null.
     *
     * @throws TreasuryException {@code STORE_FAILED} naming the file when it cannot be opened
     */
    static PaymentStore open(Path file, char[] key) {
        return open(file, key, PaymentListener.NONE);
    }

    /** As {@link #open(Path, char[])}, telling {@code listener} of every payment persisted. */
    static PaymentStore open(Path file, char[] key, PaymentListener listener) {
        try {
            MVStore.Builder builder = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled();
            if (key != null) {
                builder.encryptionKey(key.clone());
            }
            MVStore store = builder.open();
            lv.sargs.gateway.stores.OpenStores.register(file, store);
            return new PaymentStore(file, store, listener);
        } catch (MVStoreException e) {
            throw new TreasuryException(TreasuryException.Code.STORE_FAILED,
                    "treasury.store.file: " + file + " cannot be opened (" + e.getMessage() + ")", e);
        }
    }

    /** The payment stored under the client's idempotency key, if any. */
    Optional<Payment> byIdempotencyKey(String client, String key) {
        return Optional.ofNullable(byKey.get(keyOf(client, key))).flatMap(this::get);
    }

    /** The payment with this id, if any. */
    Optional<Payment> get(String id) {
        return Optional.ofNullable(payments.get(id)).map(PaymentCodec::decode);
    }

    /**
     * Stores {@code payment} durably unless its client already used its idempotency key, in which
     * case the payment stored then is returned.
     *
     * @throws TreasuryException {@code MSG_ID_IN_USE} when another payment has its MsgId,
     *     {@code STORE_FAILED} when it cannot be written and synced
     */
    synchronized Created create(Payment payment) {
        String key = keyOf(payment.client(), payment.idempotencyKey());
        String existing = byKey.get(key);
        if (existing != null) {
            return new Created(get(existing).orElseThrow(), false);
        }
        String owner = byMsgId.get(payment.msgId());
        if (owner != null) {
            throw new TreasuryException(TreasuryException.Code.MSG_ID_IN_USE, "GrpHdr.MsgId: " + payment.msgId()
                    + " (expected: a MsgId not used by an earlier payment)");
        }
        payments.put(payment.id(), PaymentCodec.encode(payment));
        byKey.put(key, payment.id());
        byMsgId.put(payment.msgId(), payment.id());
        commitAndSync(payment);
        listener.persisted(payment);
        return new Created(payment, true);
    }

    /** Replaces the stored payment with {@code payment} (a later state) durably. */
    synchronized void update(Payment payment) {
        payments.put(payment.id(), PaymentCodec.encode(payment));
        commitAndSync(payment);
        listener.persisted(payment);
    }

    /** Every payment not yet in a terminal state, for the submitter to resume after a restart. */
    List<Payment> unfinished() {
        List<Payment> open = new ArrayList<>();
        for (String value : payments.values()) {
            Payment p = PaymentCodec.decode(value);
            if (!p.state().terminal()) {
                open.add(p);
            }
        }
        return open;
    }

    private void commitAndSync(Payment payment) {
        try {
            store.commit();
            store.sync();
        } catch (MVStoreException e) {
            store.rollback();
            throw new TreasuryException(TreasuryException.Code.STORE_FAILED, "treasury.store.file: " + file
                    + ": cannot persist " + payment + " (" + e.getMessage() + ")", e);
        }
        compaction.afterCommit();
    }

    private static String keyOf(String client, String key) {
        return client + '\n' + key;
    }

    @Override
    public synchronized void close() {
        if (!store.isClosed()) {
            lv.sargs.gateway.stores.OpenStores.unregister(store);
            store.close();
        }
    }
}

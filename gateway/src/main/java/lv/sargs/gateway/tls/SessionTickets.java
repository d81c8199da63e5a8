package lv.sargs.gateway.tls;

import io.netty.handler.ssl.OpenSslSessionTicketKey;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The session-ticket keys of one BoringSSL server context: made from {@link SecureRandom}, held in
 * this process's memory only (never written anywhere), the newest one encrypting new tickets and
 * the one before it still decrypting, replaced every {@link #ROTATION}. Rotation is lazy: it happens
 * on the first connection after it fell due, so no thread or timer is needed; after an idle spell of
 * two rotations or more the old key is dropped too, so no key older than two rotations ever decrypts
 * a ticket. Thread-safe: connections on any event loop call {@link #rotateIfDue()}.
 */
final class SessionTickets {

    /** How long a ticket (and the session it resumes) stays usable: the session timeout set on the context. */
    static final Duration LIFETIME = Duration.ofHours(1);
    /**
     * How often a new encryption key is made. Equal to {@link #LIFETIME}: a ticket made just before a
     * rotation is still decryptable, by the previous key, until it expires.
     */
    static final Duration ROTATION = LIFETIME;

    private final Consumer<OpenSslSessionTicketKey[]> install;
    private final LongSupplier nanoTime;
    private final long rotationNanos;
    private final SecureRandom random = new SecureRandom();
    private final AtomicLong due;
    private OpenSslSessionTicketKey current;

    /**
     * Makes the first key and installs it.
     *
     * @param install hands the keys, encrypting key first, to the context (e.g. {@code OpenSslSessionContext::setTicketKeys})
     * @param nanoTime the monotonic clock rotation is timed by
     */
    SessionTickets(Consumer<OpenSslSessionTicketKey[]> install, LongSupplier nanoTime, Duration rotation) {
        this.install = install;
        this.nanoTime = nanoTime;
        this.rotationNanos = rotation.toNanos();
        long now = nanoTime.getAsLong();
        this.due = new AtomicLong(now + rotationNanos);
        synchronized (this) {
            current = newKey();
            install.accept(new OpenSslSessionTicketKey[] {current});
        }
    }

    /** Rotates when due; a cheap clock read otherwise, so it is called on every new connection. */
    void rotateIfDue() {
        long now = nanoTime.getAsLong();
        long when = due.get();
        if (now - when < 0 || !due.compareAndSet(when, now + rotationNanos)) {
            return;
        }
        // Only the thread that moved the due time rotates; idle for two rotations or more, the old key goes too.
        boolean keepPrevious = now - when < rotationNanos;
        synchronized (this) {
            OpenSslSessionTicketKey previous = current;
            current = newKey();
            install.accept(keepPrevious ? new OpenSslSessionTicketKey[] {current, previous}
                    : new OpenSslSessionTicketKey[] {current});
        }
    }

    private OpenSslSessionTicketKey newKey() {
        byte[] name = new byte[OpenSslSessionTicketKey.NAME_SIZE];
        byte[] hmac = new byte[OpenSslSessionTicketKey.HMAC_KEY_SIZE];
        byte[] aes = new byte[OpenSslSessionTicketKey.AES_KEY_SIZE];
        random.nextBytes(name);
        random.nextBytes(hmac);
        random.nextBytes(aes);
        OpenSslSessionTicketKey key = new OpenSslSessionTicketKey(name, hmac, aes);
        // The key object keeps its own copies; ours are wiped so no stray copy lingers on the heap.
        Arrays.fill(hmac, (byte) 0);
        Arrays.fill(aes, (byte) 0);
        return key;
    }
}

package lv.sargs.gateway.cache;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** The compact, versioned binary form of a {@link CachedAnswer} inside the store. */
final class AnswerCodec {

    private static final byte VERSION = 1;
    private static final int HEADER = 1 + 1 + 8 + 8 + 8 + 8 + 1;

    private AnswerCodec() {
    }

    static byte[] encode(CachedAnswer a, long sequence) {
        byte[] source = a.source().getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocate(HEADER + source.length + a.body().length);
        b.put(VERSION).put((byte) (a.negative() ? 1 : 0)).putLong(sequence)
                .putLong(a.fetchedAtMillis()).putLong(a.freshUntilMillis()).putLong(a.staleUntilMillis())
                .put((byte) source.length).put(source).put(a.body());
        return b.array();
    }

    static CachedAnswer decode(byte[] stored) {
        ByteBuffer b = ByteBuffer.wrap(stored);
        byte version = b.get();
        if (version != VERSION) {
            throw new IllegalStateException("cache entry format " + version + " (expected: " + VERSION + ")");
        }
        boolean negative = b.get() == 1;
        b.getLong();
        long fetched = b.getLong();
        long fresh = b.getLong();
        long stale = b.getLong();
        byte[] source = new byte[b.get()];
        b.get(source);
        byte[] body = new byte[b.remaining()];
        b.get(body);
        return new CachedAnswer(body, new String(source, StandardCharsets.US_ASCII), negative, fetched, fresh, stale);
    }

    static long sequence(byte[] stored) {
        return ByteBuffer.wrap(stored, 2, 8).getLong();
    }
}

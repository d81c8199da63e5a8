package lv.sargs.gateway.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The streamed body's buffer: bounded by pausing the channel's reads, resumed as the reader drains it. */
class BodyStreamTest {

    @Test
    void pausesReadingAboveTheHighWaterMarkAndResumesOnceDrained() throws IOException {
        EmbeddedChannel channel = new EmbeddedChannel();
        BodyStream body = new BodyStream(channel);
        ByteBuf chunk = Unpooled.buffer(64 * 1024).writeZero(64 * 1024);
        for (int queued = 0; queued <= BodyStream.HIGH_WATER; queued += 64 * 1024) {
            assertTrue(channel.config().isAutoRead(), "still reading at " + queued + " bytes queued");
            body.offer(chunk.retainedDuplicate());
        }
        assertFalse(channel.config().isAutoRead(), "paused above the high-water mark");
        byte[] into = new byte[64 * 1024];
        while (body.available() >= BodyStream.LOW_WATER) {
            assertEquals(into.length, body.read(into, 0, into.length));
        }
        channel.runPendingTasks();
        assertTrue(channel.config().isAutoRead(), "reading again below the low-water mark");
        body.end();
        while (body.read(into, 0, into.length) > 0) {
            // drain what is left
        }
        assertEquals(-1, body.read());
        chunk.release();
        assertEquals(0, chunk.refCnt(), "every queued chunk released once read");
        channel.finishAndReleaseAll();
    }

    @Test
    void deliversTheBytesInOrder() throws IOException {
        EmbeddedChannel channel = new EmbeddedChannel();
        BodyStream body = new BodyStream(channel);
        body.offer(Unpooled.wrappedBuffer(new byte[] {1, 2, 3}));
        body.offer(Unpooled.wrappedBuffer(new byte[] {4, 5}));
        body.end();
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5}, body.readAllBytes());
        channel.finishAndReleaseAll();
    }

    @Test
    void failsTheReaderAndReleasesTheQueueWhenAborted() {
        EmbeddedChannel channel = new EmbeddedChannel();
        BodyStream body = new BodyStream(channel);
        ByteBuf queued = Unpooled.buffer(16).writeZero(16);
        body.offer(queued);
        body.abort("the connection closed before the body's end");
        assertEquals(0, queued.refCnt(), "queued chunk released");
        IOException e = assertThrows(BodyAbortedException.class, () -> body.read(new byte[8], 0, 8));
        assertEquals("request body aborted: the connection closed before the body's end", e.getMessage());
        ByteBuf late = Unpooled.buffer(16).writeZero(16);
        body.offer(late);
        assertEquals(0, late.refCnt(), "a chunk arriving after the abort is dropped");
        channel.finishAndReleaseAll();
    }
}

package lv.sargs.gateway.admission;

import lv.sargs.gateway.logging.RateLimitedWarning;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelHandlerContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import lv.sargs.gateway.config.Cidr;
import lv.sargs.gateway.metrics.Metrics;
import org.junit.jupiter.api.Test;

class AllowListFilterTest {

    private final Metrics metrics = new Metrics();

    private AllowListFilter filter(String... blocks) {
        List<Cidr> list = new ArrayList<>();
        for (String b : blocks) {
            list.add(Cidr.parse(b));
        }
        return new AllowListFilter("client", list, metrics);
    }

    private long refused() {
        StringBuilder out = new StringBuilder();
        metrics.writePrometheus(out);
        String prefix = "sargs_connections_refused_total{listener=\"client\",reason=\"allow-list\"} ";
        for (String line : out.toString().split("\n")) {
            if (line.startsWith(prefix)) {
                return Long.parseLong(line.substring(prefix.length()));
            }
        }
        return -1;
    }

    @Test
    void admitsSourceInsideAllowListAndLeavesThePipeline() {
        RecordingReads reads = new RecordingReads();
        PeerChannel ch = new PeerChannel("10.1.2.3", filter("10.0.0.0/8"), reads);
        assertTrue(ch.isOpen());
        assertNull(ch.pipeline().get(AllowListFilter.class));
        ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {22}));
        assertEquals(1, reads.count);
        assertEquals(0, refused());
        ch.finishAndReleaseAll();
    }

    @Test
    void refusesSourceOutsideAllowListBeforeAnyRead() {
        RecordingReads reads = new RecordingReads();
        PeerChannel ch = new PeerChannel("10.1.2.3", filter("127.0.0.1/32"), reads);
        assertFalse(ch.isOpen());
        assertFalse(reads.registered);
        assertEquals(1, refused());
        ch.finishAndReleaseAll();
    }

    @Test
    void emptyAllowListAdmitsNobody() {
        PeerChannel ch = new PeerChannel("127.0.0.1", filter());
        assertFalse(ch.isOpen());
        assertEquals(1, refused());
        ch.finishAndReleaseAll();
    }

    @Test
    void matchesIpv6BlocksAndKeepsFamiliesApart() {
        AllowListFilter f = filter("2001:db8::/32");
        PeerChannel inside = new PeerChannel("2001:db8::7", f);
        PeerChannel v4 = new PeerChannel("32.1.13.184", f);
        assertTrue(inside.isOpen());
        assertFalse(v4.isOpen());
        inside.finishAndReleaseAll();
        v4.finishAndReleaseAll();
    }

    @Test
    void floodOfRefusalsWritesOneLinePerInterval() {
        long[] now = {0};
        RateLimitedWarning warning = new RateLimitedWarning(Duration.ofSeconds(10), () -> now[0]);
        AllowListFilter f = new AllowListFilter("client", List.of(Cidr.parse("127.0.0.1/32")), metrics, warning);
        for (int i = 0; i < 1000; i++) {
            new PeerChannel("10.0.0." + (i % 200 + 1), f).finishAndReleaseAll();
        }
        assertEquals(1000, refused());
        assertEquals(999, warning.suppressedSinceLastLine());
        now[0] += Duration.ofSeconds(10).toNanos();
        assertTrue(warning.warn("after the interval"));
        assertFalse(warning.warn("within it"));
    }

    private static final class RecordingReads extends ChannelInboundHandlerAdapter {
        int count;
        boolean registered;

        @Override
        public void channelRegistered(ChannelHandlerContext ctx) {
            registered = true;
            ctx.fireChannelRegistered();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            count++;
            io.netty.util.ReferenceCountUtil.release(msg);
        }
    }
}

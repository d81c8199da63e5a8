package lv.sargs.gateway.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import lv.sargs.gateway.metrics.Metrics;
import org.junit.jupiter.api.Test;

class ConnectionsPerSourceLimitTest {

    @Test
    void refusesConnectionOverTheLimitAndFreesSlotsOnClose() throws Exception {
        ConnectionsPerSourceLimit limit = new ConnectionsPerSourceLimit("client", 2, new Metrics());
        PeerChannel a = new PeerChannel("10.0.0.1", limit);
        PeerChannel b = new PeerChannel("10.0.0.1", limit);
        PeerChannel other = new PeerChannel("10.0.0.2", limit);
        PeerChannel c = new PeerChannel("10.0.0.1", limit);
        assertTrue(a.isOpen() && b.isOpen() && other.isOpen());
        assertNull(a.pipeline().get(ConnectionsPerSourceLimit.class));
        assertFalse(c.isOpen());
        a.close();
        assertEquals(1, limit.openFrom(InetAddress.getByName("10.0.0.1")));
        PeerChannel d = new PeerChannel("10.0.0.1", limit);
        assertTrue(d.isOpen());
        for (PeerChannel ch : new PeerChannel[] {b, other, c, d}) {
            ch.finishAndReleaseAll();
        }
        assertEquals(0, limit.openFrom(InetAddress.getByName("10.0.0.1")));
    }
}

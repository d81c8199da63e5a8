package lv.sargs.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RequestIdsTest {

    @Test
    void keepsWellFormedIncomingId() {
        assertEquals("core-2026.11:a_b", RequestIds.fromOrNew("core-2026.11:a_b"));
    }

    @Test
    void replacesMissingMalformedOrOverlongIds() {
        for (String bad : new String[] {null, "", "a b", "x\r\ny", "<script>", "a".repeat(65)}) {
            String id = RequestIds.fromOrNew(bad);
            assertNotEquals(bad, id);
            assertTrue(RequestIds.isWellFormed(id), id);
        }
    }

    @Test
    void generatesDistinctIds() {
        assertNotEquals(RequestIds.next(), RequestIds.next());
    }
}

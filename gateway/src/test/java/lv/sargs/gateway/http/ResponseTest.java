package lv.sargs.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A route's extra headers reach the answer in the order given, each copy independent, still validated. */
class ResponseTest {

    private static List<String> written(Response r) {
        HttpHeaders out = new DefaultHttpHeaders();
        r.addHeadersTo(out);
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, String> e : out) {
            lines.add(e.getKey() + ": " + e.getValue());
        }
        return lines;
    }

    @Test
    void headersAreWrittenInTheOrderGivenAndCopiesDoNotShareThem() {
        Response base = Response.of(HttpResponseStatus.OK, HttpConstants.APPLICATION_JSON, new byte[] {'{', '}'});
        Response one = base.withHeader(HttpHeaderNames.LOCATION, "/v1/x");
        Response three = one.withHeaders("Cache-Status", "Sargs; hit", HttpHeaderNames.AGE, 42L);

        assertEquals(List.of(), written(base));
        assertEquals(List.of("location: /v1/x"), written(one));
        assertEquals(List.of("location: /v1/x", "Cache-Status: Sargs; hit", "age: 42"), written(three));
        assertEquals("-", three.cacheStatus());
        assertEquals("hit", three.withCacheStatus("hit").cacheStatus());
    }

    @Test
    void aValueThatWouldSplitTheHeadIsRefusedAsBefore() {
        Response bad = Response.empty(HttpResponseStatus.NO_CONTENT).withHeader(HttpHeaderNames.LOCATION, "/a\r\nSet-Cookie: x");

        assertThrows(IllegalArgumentException.class, () -> written(bad));
    }
}

package lv.sargs.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** One document, nothing after it, each member once; refusals in the gateway's words (issue 16 items 5, 6). */
class StrictJsonTest {

    private static String refusal(String json) {
        IOException e = assertThrows(IOException.class, () -> StrictJson.read(json.getBytes(StandardCharsets.UTF_8)));
        String detail = StrictJson.describe(e);
        assertFalse(detail.contains("com.fasterxml") || detail.contains("StreamReadConstraints")
                || detail.contains("Jackson") || detail.contains("getMax"), detail);
        assertTrue(detail.length() < 300, detail);
        return detail;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"amount\":\"1.00\"} garbage                | line 1, column 26: not valid JSON",
            "{\"amount\":\"1.00\"} 7                      | content after the JSON document",
            "{\"amount\":\"1.00\"}{\"amount\":\"2.00\"}   | content after the JSON document",
            "{\"amount\":\"1.00\",\"amount\":\"900.00\"}  | member \"amount\" appears twice",
            "{\"amount\":                                 | ends early",
            "''                                           | ends early",
            "{amount: 1}                                  | not valid JSON",
    })
    void refusesLenientJsonNamingWhatWasWrong(String json, String expected) {
        String detail = refusal(json);
        assertTrue(detail.contains(expected), detail);
    }

    @Test
    void refusesDeepNestingWithoutTheLibrarysWords() {
        String detail = refusal("[".repeat(5000) + "]".repeat(5000));
        assertTrue(detail.contains("nested deeper than accepted"), detail);
    }

    @Test
    void shortensAHugeDuplicateName() {
        String name = "n".repeat(200);
        String detail = refusal("{\"" + name + "\":1,\"" + name + "\":2}");
        assertTrue(detail.contains("(200 characters)"), detail);
    }

    @Test
    void readsOneDocument() throws IOException {
        assertEquals("1.00", StrictJson.read("{\"amount\":\"1.00\"} \n".getBytes(StandardCharsets.UTF_8))
                .get("amount").asText());
    }
}

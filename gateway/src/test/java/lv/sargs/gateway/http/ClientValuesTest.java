package lv.sargs.gateway.http;

import lv.sargs.gateway.text.ClientValues;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A client's value can neither forge a log line nor flood a log or an answer (issue 16 item 4). */
class ClientValuesTest {

    @Test
    void escapesLineBreaksAndControlCharacters() {
        String logged = ClientValues.forLog("OK\n11:00:00.000 WARN status token: OK -> FAILED\r\u0000\u001b[31m\u2028\"\\");
        assertFalse(logged.contains("\n") || logged.contains("\r") || logged.contains("\u0000")
                || logged.contains("\u001b") || logged.contains("\u2028"), logged);
        assertEquals("\"OK\\n11:00:00.000 WARN status token: OK -> FAILED\\r\\u0000\\u001b[31m\\u2028\\\"\\\\\"", logged);
    }

    @Test
    void boundsTheLengthAndSaysHowLongTheValueWas() {
        String huge = "z".repeat(9_900_000);
        String logged = ClientValues.forLog(huge);
        assertTrue(logged.length() < ClientValues.MAX_LOGGED + 40, logged);
        assertTrue(logged.endsWith("… (9900000 characters)"), logged);
        assertTrue(ClientValues.forAnswer(huge).length() < ClientValues.MAX_ANSWERED + 40);
        assertTrue(ClientValues.forText(huge).length() < 2 * ClientValues.MAX_LOGGED + 40);
    }

    @Test
    void keepsPrintableTextAndWholeSurrogatePairs() {
        assertEquals("\"Rīga 😀\"", ClientValues.forAnswer("Rīga 😀"));
        assertEquals("\"\\ud83d\"", ClientValues.forAnswer("\ud83d"));
        assertEquals("-", ClientValues.forLog(null));
        assertEquals("line 2: \"x\"", ClientValues.forText("line 2: \"x\""));
    }
}

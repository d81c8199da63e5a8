package lv.sargs.gateway.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.tinylog.Level;

class JournalWriterTest {

    @Test
    void eachLevelGetsItsSyslogPriority() {
        assertEquals(3, JournalWriter.priority(Level.ERROR));
        assertEquals(4, JournalWriter.priority(Level.WARN));
        assertEquals(6, JournalWriter.priority(Level.INFO));
        assertEquals(7, JournalWriter.priority(Level.DEBUG));
        assertEquals(7, JournalWriter.priority(Level.TRACE));
    }

    @Test
    void everyLineOfAStackTraceCarriesThePriority() {
        String trace = "ERROR [main] start-up failed\njava.io.IOException: gone\n\tat a.B.c(B.java:1)\n";
        assertEquals("<3>ERROR [main] start-up failed\n<3>java.io.IOException: gone\n<3>\tat a.B.c(B.java:1)\n",
                JournalWriter.prefixed(3, trace));
    }

    @Test
    void aLastLineWithoutNewlineIsEnded() {
        assertEquals("<4>WARN  slow\n", JournalWriter.prefixed(4, "WARN  slow"));
    }
}

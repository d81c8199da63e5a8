package lv.sargs.gateway.lookup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import lv.sargs.gateway.audit.Pseudonyms;
import org.junit.jupiter.api.Test;

/** Pseudonyms kept for subjects asked again: the trail's own, hashed once, bounded, forgotten on a purge. */
class KeptPseudonymsTest {

    private final Pseudonyms real = new Pseudonyms("ab".repeat(32).toCharArray());
    private final List<String> made = new ArrayList<>();

    private KeptPseudonyms kept(int max) {
        return new KeptPseudonyms((kind, id) -> {
            made.add(kind + ":" + id);
            return real.of(kind, id);
        }, max);
    }

    @Test
    void aSubjectAskedAgainGetsTheSamePseudonymWithoutAnotherHash() {
        KeptPseudonyms kept = kept(10);

        String first = kept.of("company", "40003521600");
        String again = kept.of("company", "40003521600");

        assertEquals(real.company("40003521600"), first);
        assertEquals(first, again);
        assertEquals(List.of("company:40003521600"), made);
    }

    @Test
    void kindsAreKeptApart() {
        KeptPseudonyms kept = kept(10);

        assertEquals(real.person("13080021699"), kept.of("person", "13080021699"));
        assertEquals(real.company("13080021699"), kept.of("company", "13080021699"));
    }

    @Test
    void theBoundHoldsAndAForgottenSubjectIsHashedAgain() {
        KeptPseudonyms kept = kept(2);
        kept.of("company", "1");
        kept.of("company", "2");
        kept.of("company", "3");
        made.clear();

        kept.of("company", "1");
        kept.of("company", "2");
        kept.of("company", "3");
        assertTrue(made.size() >= 1, "at most 2 kept, so at least one of 3 is made again: " + made);

        kept.of("company", "3");
        made.clear();
        kept.forget("company", "3");
        kept.of("company", "3");
        assertEquals(List.of("company:3"), made, "forgotten on a purge");
    }

    @Test
    void noPseudonymIsNotKept() {
        KeptPseudonyms kept = new KeptPseudonyms((kind, id) -> {
            made.add(id);
            return null;
        }, 10);

        assertNull(kept.of("company", "1"));
        assertNull(kept.of("company", "1"));
        assertEquals(2, made.size(), "a trail without pseudonyms is asked each time, and says null");
    }
}

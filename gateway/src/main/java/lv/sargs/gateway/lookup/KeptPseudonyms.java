package lv.sargs.gateway.lookup;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * The audit pseudonyms of recently looked-up subjects, kept so that a subject asked again (a cache
 * hit) costs no keyed hash on the event loop: a pseudonym is fixed for its subject under the
 * trail's key, and the subject's cached answer is held in memory anyway. Bounded, with the same
 * approximate eviction as the answer cache's hot layer.
 */
final class KeptPseudonyms {

    private final BiFunction<String, String, String> pseudonymOf;
    private final int max;
    private final Map<String, String> companies = new ConcurrentHashMap<>();
    private final Map<String, String> persons = new ConcurrentHashMap<>();

    /**
     * @param pseudonymOf the trail's pseudonym of ({@code kind}, {@code id}); null when it has none
     * @param max subjects kept per kind
     */
    KeptPseudonyms(BiFunction<String, String, String> pseudonymOf, int max) {
        this.pseudonymOf = pseudonymOf;
        this.max = max;
    }

    /** The pseudonym of subject {@code id} of {@code kind} ({@code company}, {@code person}), or null. */
    String of(String kind, String id) {
        Map<String, String> kept = kind.equals("company") ? companies : kind.equals("person") ? persons : null;
        if (kept == null) {
            return pseudonymOf.apply(kind, id);
        }
        String known = kept.get(id);
        if (known != null) {
            return known;
        }
        String made = pseudonymOf.apply(kind, id);
        if (made != null) {
            if (kept.size() >= max) {
                Iterator<String> it = kept.keySet().iterator();
                if (it.hasNext()) {
                    kept.remove(it.next());
                }
            }
            kept.put(id, made);
        }
        return made;
    }

    /** Forgets subject {@code id} of {@code kind}, as its cached answers are forgotten on a purge. */
    void forget(String kind, String id) {
        companies.remove(kind.equals("company") ? id : "");
        persons.remove(kind.equals("person") ? id : "");
    }
}

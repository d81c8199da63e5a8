package lv.sargs.gateway.lookup;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import lv.sargs.gateway.cache.CachedAnswer;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.LongSupplier;
import lv.sargs.gateway.cache.Freshness;

/**
 * Answers about one subject by settling all its parts at once, each within the same deadline, and
 * splicing them into one {@link StandardAnswer}; the answer is therefore ready by the deadline.
 */
public final class SubjectLookup {

    private final PartLookup parts;
    private final Function<RegisterPart, Freshness> freshness;
    private final LongSupplier clockMillis;
    private final int maxAssembled;
    private final Map<String, Assembled> assembled = new ConcurrentHashMap<>();

    /**
     * An answer whose every section was a cache hit, kept with the exact cached entries it was
     * built from and their cache keys: while the cache hands out those same entries, the bytes are
     * the same, and a repeat ask is answered from here without settling each part again.
     *
     * @param parts the cached entry of each section, null for an unconnected one
     * @param cacheKeys each section's cache key, null for an unconnected one
     */
    private record Assembled(List<AnswerPart> sections, CachedAnswer[] parts, String[] cacheKeys, String subjectExtra,
                             StandardAnswer answer) {

        boolean builtFrom(List<PartOutcome> outcomes, String extra) {
            if (!subjectExtra.equals(extra)) {
                return false;
            }
            for (int i = 0; i < parts.length; i++) {
                if (parts[i] != outcomes.get(i).answer()) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * @param freshness the configured freshness of each register part (by source and data class)
     * @param maxAssembled all-hit answers kept assembled (bytes ready to send), e.g. the cache's hot entries
     */
    public SubjectLookup(PartLookup parts, Function<RegisterPart, Freshness> freshness, LongSupplier clockMillis,
                         int maxAssembled) {
        this.parts = parts;
        this.freshness = freshness;
        this.clockMillis = clockMillis;
        this.maxAssembled = maxAssembled;
    }

    /**
     * The standard answer about subject {@code id} of {@code kind} (e.g. {@code company},
     * {@code registrationNumber}); the first section identifies the subject and decides the status.
     *
     * @param subjectExtra JSON members added to the subject object, each led by a comma; empty for none
     */
    public CompletableFuture<StandardAnswer> lookup(String kind, String idField, String id, List<AnswerPart> sections,
                                                    String subjectExtra, LookupRequest request) {
        String key = kind + ':' + id;
        StandardAnswer again = keptHit(key, sections, subjectExtra, request);
        if (again != null) {
            return CompletableFuture.completedFuture(again);
        }
        List<CompletableFuture<PartOutcome>> settling = new ArrayList<>(sections.size());
        for (AnswerPart section : sections) {
            settling.add(section.register()
                    .map(r -> parts.lookup(r, freshness.apply(r), id, request))
                    .orElseGet(() -> CompletableFuture.completedFuture(
                            new PartOutcome(PartOutcome.Status.UNAVAILABLE, null, false, section.notConnectedReason()))));
        }
        return CompletableFuture.allOf(settling.toArray(new CompletableFuture<?>[0])).thenApply(done -> {
            List<PartOutcome> outcomes = new ArrayList<>(settling.size());
            settling.forEach(f -> outcomes.add(f.join()));
            return answer(key, idField, id, subjectExtra, sections, outcomes, kind);
        });
    }

    private StandardAnswer answer(String key, String idField, String id, String subjectExtra, List<AnswerPart> sections,
                                  List<PartOutcome> outcomes, String kind) {
        long now = clockMillis.getAsLong();
        if (!allHits(sections, outcomes)) {
            return StandardAnswer.assemble(kind, idField, id, subjectExtra, sections, outcomes, now);
        }
        Assembled kept = assembled.get(key);
        if (kept != null && kept.builtFrom(outcomes, subjectExtra)) {
            return kept.answer().withAgeSeconds(oldestAge(outcomes, now));
        }
        StandardAnswer fresh = StandardAnswer.assemble(kind, idField, id, subjectExtra, sections, outcomes, now);
        CachedAnswer[] from = new CachedAnswer[outcomes.size()];
        String[] keys = new String[from.length];
        for (int i = 0; i < from.length; i++) {
            from[i] = outcomes.get(i).answer();
            keys[i] = sections.get(i).register().map(r -> r.key().cacheKey(id)).orElse(null);
        }
        if (assembled.size() >= maxAssembled && !assembled.containsKey(key)) {
            // Approximate eviction, as in the answer cache's hot layer: cheap, and only costs a rebuild.
            Iterator<String> it = assembled.keySet().iterator();
            if (it.hasNext()) {
                assembled.remove(it.next());
            }
        }
        assembled.put(key, new Assembled(sections, from, keys, subjectExtra, fresh));
        return fresh;
    }

    /**
     * The kept all-hit answer about {@code key}, aged to now, when every one of its sections would
     * be a hit again: the cache still holds the very entries it was built from and each is
     * servable to this request. Counts each section's hit as {@link PartLookup} would; null
     * (nothing counted) when any section needs settling.
     */
    private StandardAnswer keptHit(String key, List<AnswerPart> sections, String subjectExtra, LookupRequest request) {
        Assembled kept = assembled.get(key);
        if (kept == null || !kept.subjectExtra().equals(subjectExtra)
                || (kept.sections() != sections && !kept.sections().equals(sections))) {
            return null;
        }
        long now = clockMillis.getAsLong();
        CachedAnswer[] from = kept.parts();
        String[] keys = kept.cacheKeys();
        for (int i = 0; i < from.length; i++) {
            if (keys[i] != null && !parts.stillHit(keys[i], from[i], request, now)) {
                return null;
            }
        }
        long age = 0;
        for (int i = 0; i < from.length; i++) {
            if (keys[i] != null) {
                parts.countHit(sections.get(i).register().get());
            }
            if (from[i] != null) {
                age = Math.max(age, from[i].ageSeconds(now));
            }
        }
        StandardAnswer aged = kept.answer().withAgeSeconds(age);
        if (aged != kept.answer()) {
            // Kept aged: the rest of this second's asks reuse it instead of making their own.
            assembled.replace(key, kept, new Assembled(sections, from, keys, subjectExtra, aged));
        }
        return aged;
    }

    /** Whether every connected section was served from the cache (unconnected ones never change). */
    private static boolean allHits(List<AnswerPart> sections, List<PartOutcome> outcomes) {
        for (int i = 0; i < outcomes.size(); i++) {
            if (sections.get(i).register().isPresent() && outcomes.get(i).status() != PartOutcome.Status.HIT) {
                return false;
            }
        }
        return true;
    }

    private static long oldestAge(List<PartOutcome> outcomes, long now) {
        long age = 0;
        for (PartOutcome o : outcomes) {
            if (o.answer() != null) {
                age = Math.max(age, o.answer().ageSeconds(now));
            }
        }
        return age;
    }
}

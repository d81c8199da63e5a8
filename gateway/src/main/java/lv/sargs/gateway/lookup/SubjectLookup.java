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
     * built from: while the cache hands out those same entries, the bytes are the same.
     */
    private record Assembled(CachedAnswer[] parts, String subjectExtra, StandardAnswer answer) {

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
            return answer(kind + ':' + id, idField, id, subjectExtra, sections, outcomes, kind);
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
        for (int i = 0; i < from.length; i++) {
            from[i] = outcomes.get(i).answer();
        }
        if (assembled.size() >= maxAssembled && !assembled.containsKey(key)) {
            // Approximate eviction, as in the answer cache's hot layer: cheap, and only costs a rebuild.
            Iterator<String> it = assembled.keySet().iterator();
            if (it.hasNext()) {
                assembled.remove(it.next());
            }
        }
        assembled.put(key, new Assembled(from, subjectExtra, fresh));
        return fresh;
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

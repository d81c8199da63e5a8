package lv.sargs.gateway.lookup;

import java.util.ArrayList;
import java.util.List;
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

    /**
     * @param freshness the configured freshness of each register part (by source and data class)
     */
    public SubjectLookup(PartLookup parts, Function<RegisterPart, Freshness> freshness, LongSupplier clockMillis) {
        this.parts = parts;
        this.freshness = freshness;
        this.clockMillis = clockMillis;
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
            return StandardAnswer.assemble(kind, idField, id, subjectExtra, sections, outcomes, clockMillis.getAsLong());
        });
    }
}

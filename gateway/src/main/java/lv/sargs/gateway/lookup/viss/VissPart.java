package lv.sargs.gateway.lookup.viss;

import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import lv.sargs.gateway.lookup.Fetched;
import lv.sargs.gateway.lookup.PartKey;
import lv.sargs.gateway.lookup.RegisterAnswerException;
import lv.sargs.gateway.lookup.RegisterPart;
import lv.sargs.gateway.lookup.RegisterTimeoutException;
import lv.sargs.gateway.upstream.Deadline;

/** One VISS business API as a register part: its path for an identifier and its mapping to a section. */
final class VissPart implements RegisterPart {

    private final VissClient viss;
    private final PartKey key;
    private final UnaryOperator<String> path;
    private final UnaryOperator<byte[]> toSection;
    private final long feeCents;

    VissPart(VissClient viss, PartKey key, UnaryOperator<String> path, UnaryOperator<byte[]> toSection, long feeCents) {
        this.viss = viss;
        this.key = key;
        this.path = path;
        this.toSection = toSection;
        this.feeCents = feeCents;
    }

    @Override
    public PartKey key() {
        return key;
    }

    @Override
    public long feeCents() {
        return feeCents;
    }

    @Override
    public CompletableFuture<Fetched> fetch(String id, long deadlineNanos) {
        return viss.get(path.apply(id), Deadline.at(deadlineNanos)).<Fetched>thenApply(result -> {
            if (result instanceof VissResult.NotFound) {
                return new Fetched.NotFound();
            }
            VissResult.Answer answer = (VissResult.Answer) result;
            if (answer.status() != 200) {
                throw new RegisterAnswerException("VISS answered HTTP " + answer.status() + " to " + key.dataClass()
                        + " (expected: 200, or 400 ENTITY_NOT_FOUND)");
            }
            return new Fetched.Found(toSection.apply(answer.json()));
        }).exceptionally(e -> {
            throw RegisterTimeoutException.translate(e);
        });
    }
}

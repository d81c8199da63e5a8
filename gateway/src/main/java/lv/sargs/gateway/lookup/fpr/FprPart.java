package lv.sargs.gateway.lookup.fpr;

import java.util.concurrent.CompletableFuture;
import lv.sargs.gateway.lookup.Fetched;
import lv.sargs.gateway.lookup.PartKey;
import lv.sargs.gateway.lookup.RegisterAnswerException;
import lv.sargs.gateway.lookup.RegisterPart;
import lv.sargs.gateway.lookup.RegisterTimeoutException;
import lv.sargs.gateway.upstream.Deadline;

/** The population register's person record as a register part. */
final class FprPart implements RegisterPart {

    private final FprClient fpr;
    private final PartKey key;
    private final long feeCents;

    FprPart(FprClient fpr, PartKey key, long feeCents) {
        this.fpr = fpr;
        this.key = key;
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
        return fpr.person(id, Deadline.at(deadlineNanos)).<Fetched>thenApply(result -> {
            if (result instanceof FprResult.NotFound) {
                return new Fetched.NotFound();
            }
            FprResult.Answer answer = (FprResult.Answer) result;
            if (answer.status() != 200) {
                throw new RegisterAnswerException("the population register answered HTTP " + answer.status()
                        + " (expected: 200, or 404 for an unknown person)");
            }
            return new Fetched.Found(FprSections.population(answer.json()));
        }).exceptionally(e -> {
            throw RegisterTimeoutException.translate(e);
        });
    }
}

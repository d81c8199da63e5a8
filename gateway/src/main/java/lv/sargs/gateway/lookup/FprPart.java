package lv.sargs.gateway.lookup;

import java.util.concurrent.CompletableFuture;
import lv.sargs.gateway.upstream.Deadline;
import lv.sargs.gateway.upstream.fpr.FprClient;
import lv.sargs.gateway.upstream.fpr.FprResult;

/** The population register's person record as a register part. */
final class FprPart implements RegisterPart {

    private final FprClient fpr;
    private final long feeCents;

    FprPart(FprClient fpr, long feeCents) {
        this.fpr = fpr;
        this.feeCents = feeCents;
    }

    @Override
    public String source() {
        return "fpr";
    }

    @Override
    public String dataClass() {
        return "person";
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
            return new Fetched.Found(StandardSections.population(answer.json()));
        }).exceptionally(e -> {
            throw RegisterTimeoutException.translate(e);
        });
    }
}

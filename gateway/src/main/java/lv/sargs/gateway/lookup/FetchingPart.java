package lv.sargs.gateway.lookup;

import java.util.concurrent.CompletableFuture;
import lv.sargs.gateway.upstream.core.Deadline;

/** A register part made of its key, its fee and a fetch; a register's upstream timeout reads as a lookup timeout. */
final class FetchingPart implements RegisterPart {

    private final PartKey key;
    private final long feeCents;
    private final RegisterPart.Fetch fetch;

    FetchingPart(PartKey key, long feeCents, RegisterPart.Fetch fetch) {
        this.key = key;
        this.feeCents = feeCents;
        this.fetch = fetch;
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
        return fetch.fetch(id, Deadline.at(deadlineNanos)).exceptionally(e -> {
            throw RegisterTimeoutException.translate(e);
        });
    }

    @Override
    public String toString() {
        return key.terms();
    }
}

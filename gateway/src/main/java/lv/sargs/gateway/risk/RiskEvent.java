package lv.sargs.gateway.risk;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One operational-risk event in the register: what type, from which source (e.g.
 * {@code connection refused: allow-list}, {@code upstream viss: timeout}), on which service, from
 * its first to its last occurrence, how many occurrences (a flood is one event with a count),
 * which declared clients and how many transactions it touched, and the loss where known.
 *
 * @param end the last occurrence; the event is open while {@code closed} is false
 * @param lossEur the loss in euro where known (e.g. fees of failed calls), empty otherwise
 */
public record RiskEvent(String id, RiskType type, String source, String service, Instant start, Instant end,
                        long count, Set<String> clients, long transactions, Optional<String> lossEur,
                        boolean closed) {

    public RiskEvent {
        clients = Set.copyOf(new TreeSet<>(clients));
    }

    /** From the first to the last occurrence. */
    public Duration duration() {
        return Duration.between(start, end);
    }

    /** This event with one more batch of {@code n} occurrences at {@code at}. */
    RiskEvent plus(Instant at, long n, Set<String> moreClients, long moreTransactions) {
        Set<String> all = new TreeSet<>(clients);
        all.addAll(moreClients);
        return new RiskEvent(id, type, source, service, start, at.isAfter(end) ? at : end, count + n, all,
                transactions + moreTransactions, lossEur, false);
    }

    RiskEvent closedNow() {
        return new RiskEvent(id, type, source, service, start, end, count, clients, transactions, lossEur, true);
    }

    /** The CSV header matching {@link #csv()}. */
    static final List<String> CSV_HEADER = List.of("id", "type", "typeTitle", "source", "service", "start", "end",
            "durationSeconds", "count", "clients", "transactions", "lossEur", "state");

    List<String> csv() {
        return List.of(id, type.code(), type.title(), source, service, start.toString(), end.toString(),
                Long.toString(duration().toSeconds()), Long.toString(count), String.join(" ", clients),
                Long.toString(transactions), lossEur.orElse(""), closed ? "closed" : "open");
    }
}

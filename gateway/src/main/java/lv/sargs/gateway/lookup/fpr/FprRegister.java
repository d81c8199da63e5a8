package lv.sargs.gateway.lookup.fpr;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import lv.sargs.gateway.config.FprUpstreamConfig;
import lv.sargs.gateway.lookup.ConnectedRegister;
import lv.sargs.gateway.lookup.Fetched;
import lv.sargs.gateway.lookup.PartKey;
import lv.sargs.gateway.lookup.Register;
import lv.sargs.gateway.lookup.RegisterAnswerException;
import lv.sargs.gateway.lookup.RegisterContext;
import lv.sargs.gateway.lookup.RegisterFeed;
import lv.sargs.gateway.lookup.RegisterPart;
import lv.sargs.gateway.lookup.StandardSection;
import lv.sargs.gateway.upstream.core.Deadline;
import lv.sargs.gateway.upstream.oauth.ClientCredentialsGrant;

/**
 * The population register (FPR, DAGR style) as a register ({@code lookups.fpr}): a person's
 * record, which identifies the person, and its changed-records feed.
 */
public final class FprRegister implements Register {

    @Override
    public String name() {
        return "fpr";
    }

    @Override
    public String title() {
        return "population register";
    }

    @Override
    public Set<StandardSection> answers() {
        return Set.of(StandardSection.PERSON_POPULATION);
    }

    @Override
    public Optional<ConnectedRegister> connect(RegisterContext c) {
        return c.config().register(name(), FprUpstreamConfig.class).map(config -> {
            var upstream = c.upstream(config.endpoint());
            // The DAGR paths are the sandbox's until PMLP confirms theirs (docs/protocols.md §2, unconfirmed).
            FprClient fpr = FprClient.create(upstream, FprSettings.sandbox(config.permission()),
                    ClientCredentialsGrant.create(upstream, c.clientCredentials(config.clientId(), config.clientSecret()),
                            Optional.empty(), c.metrics()));
            PartKey person = new PartKey(name(), "person");
            return new ConnectedRegister(Map.of(StandardSection.PERSON_POPULATION,
                    RegisterPart.of(person, c.feeCents(person), (id, deadline) -> person(fpr, id, deadline))),
                    Optional.of(feed(fpr)));
        });
    }

    /** The person's record → {@code population}; 404 is "not found". */
    private static CompletableFuture<Fetched> person(FprClient fpr, String id, Deadline deadline) {
        return fpr.person(id, deadline).thenApply(result -> {
            if (result instanceof FprResult.NotFound) {
                return new Fetched.NotFound();
            }
            FprResult.Answer answer = (FprResult.Answer) result;
            if (answer.status() != 200) {
                throw new RegisterAnswerException("the population register answered HTTP " + answer.status()
                        + " (expected: 200, or 404 for an unknown person)");
            }
            return new Fetched.Found(FprSections.population(answer.json()));
        });
    }

    /** Changed records: persons; a change makes the population section stale. */
    private static RegisterFeed feed(FprClient fpr) {
        return new RegisterFeed("fpr", "person", "personalCode", List.of("population"),
                (cursor, deadline) -> fpr.changes(cursor, deadline).thenApply(r -> {
                    if (r instanceof FprResult.Answer a && a.status() == 200) {
                        return a.json();
                    }
                    throw new RegisterAnswerException("population register change list answered " + r
                            + " (expected: HTTP 200)");
                }));
    }
}

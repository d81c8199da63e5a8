package lv.sargs.gateway.lookup.viss;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import lv.sargs.gateway.config.VissUpstreamConfig;
import lv.sargs.gateway.lookup.ConnectedRegister;
import lv.sargs.gateway.lookup.Fetched;
import lv.sargs.gateway.lookup.PartKey;
import lv.sargs.gateway.lookup.Register;
import lv.sargs.gateway.lookup.RegisterAnswerException;
import lv.sargs.gateway.lookup.RegisterContext;
import lv.sargs.gateway.lookup.RegisterFeed;
import lv.sargs.gateway.lookup.RegisterPart;
import lv.sargs.gateway.lookup.StandardSection;
import lv.sargs.gateway.upstream.oauth.OAuthSettings;

/**
 * VISS API Pārvaldnieks as a register ({@code lookups.viss}): the Enterprise Register's legal
 * entity, beneficial owners and insolvency proceedings for a company, a person's roles in
 * companies, and the legal-entity changes feed.
 */
public final class VissRegister implements Register {

    private static final Set<StandardSection> ANSWERS = EnumSet.of(StandardSection.COMPANY_REGISTRATION,
            StandardSection.COMPANY_BENEFICIAL_OWNERS, StandardSection.COMPANY_INSOLVENCY, StandardSection.PERSON_ROLES);

    @Override
    public String name() {
        return "viss";
    }

    @Override
    public String title() {
        return "VISS";
    }

    @Override
    public Set<StandardSection> answers() {
        return ANSWERS;
    }

    @Override
    public Optional<ConnectedRegister> connect(RegisterContext c) {
        return c.config().register(name(), VissUpstreamConfig.class).map(config -> {
            var upstream = c.upstream(config.endpoint());
            OAuthSettings oauth = c.clientCredentials(config.clientId(), config.clientSecret());
            VissClient viss = VissClient.create(upstream, c.token(),
                    new VissSettings(oauth, config.audience(), config.assertionLifetime()), c.metrics(), c::keyUsed);
            Map<StandardSection, RegisterPart> parts = Map.of(
                    StandardSection.COMPANY_REGISTRATION,
                    part(c, viss, "legal-entity", VissPaths::legalEntity, VissSections::registration),
                    StandardSection.COMPANY_BENEFICIAL_OWNERS,
                    part(c, viss, "beneficial-owners", VissPaths::beneficialOwners, VissSections::beneficialOwners),
                    StandardSection.COMPANY_INSOLVENCY,
                    part(c, viss, "insolvency-proceedings", VissPaths::insolvencyProceedings, VissSections::insolvency),
                    StandardSection.PERSON_ROLES,
                    part(c, viss, "natural-person", VissPaths::naturalPerson, VissSections::roles));
            return new ConnectedRegister(parts, Optional.of(feed(viss)));
        });
    }

    /** One VISS business API as a part: its path for an identifier and its mapping to a section. */
    private RegisterPart part(RegisterContext c, VissClient viss, String dataClass, UnaryOperator<String> path,
                              UnaryOperator<byte[]> toSection) {
        PartKey key = new PartKey(name(), dataClass);
        return RegisterPart.of(key, c.feeCents(key), (id, deadline) -> viss.get(path.apply(id), deadline)
                .thenApply(result -> {
                    if (result instanceof VissResult.NotFound) {
                        return new Fetched.NotFound();
                    }
                    VissResult.Answer answer = (VissResult.Answer) result;
                    if (answer.status() != 200) {
                        throw new RegisterAnswerException("VISS answered HTTP " + answer.status() + " to " + dataClass
                                + " (expected: 200, or 400 ENTITY_NOT_FOUND)");
                    }
                    return new Fetched.Found(toSection.apply(answer.json()));
                }));
    }

    /** Legal-entity changes: companies; a change makes every company section VISS fills stale. */
    private static RegisterFeed feed(VissClient viss) {
        return new RegisterFeed("viss", "company", "registrationNumber",
                List.of("registration", "beneficialOwners", "insolvency"),
                (cursor, deadline) -> viss.get(VissPaths.changes(cursor), deadline).thenApply(r -> {
                    if (r instanceof VissResult.Answer a && a.status() == 200) {
                        return a.json();
                    }
                    throw new RegisterAnswerException("VISS change feed answered " + r + " (expected: HTTP 200)");
                }));
    }
}

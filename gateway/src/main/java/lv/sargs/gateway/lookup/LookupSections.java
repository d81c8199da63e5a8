package lv.sargs.gateway.lookup;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lv.sargs.gateway.config.LookupsConfig;
import lv.sargs.gateway.upstream.fpr.FprClient;
import lv.sargs.gateway.upstream.viss.VissClient;

/**
 * The sections of the two standard answers and the register parts that fill them — the banks'
 * association's structure (docs/protocols.md §6) — with sources this appliance is not connected to
 * present and marked as such.
 */
final class LookupSections {

    static final String NO_VID = "source not connected: State Revenue Service (VID) data is not offered through Sargs yet";
    static final String NO_CONTACTS = "source not connected: no register offers contacts to Sargs yet";

    final List<AnswerPart> company;
    final List<AnswerPart> person;
    /** Every register part by {@code source.dataClass}, for freshness and purges. */
    final Map<String, RegisterPart> parts;

    LookupSections(Optional<VissClient> viss, Optional<FprClient> fpr, Map<String, LookupsConfig.RegisterTerms> terms) {
        String noViss = "source not connected: VISS (lookups.viss is not configured)";
        String noFpr = "source not connected: population register (lookups.fpr is not configured)";
        Optional<RegisterPart> entity = viss.map(v -> new VissPart(v, "legal-entity",
                id -> VissClient.LEGAL_ENTITY + id, StandardSections::registration, fee(terms, "viss.legal-entity")));
        Optional<RegisterPart> owners = viss.map(v -> new VissPart(v, "beneficial-owners",
                id -> VissClient.LEGAL_ENTITY + id + "/beneficial-owners", StandardSections::beneficialOwners,
                fee(terms, "viss.beneficial-owners")));
        Optional<RegisterPart> insolvency = viss.map(v -> new VissPart(v, "insolvency-proceedings",
                id -> VissClient.LEGAL_ENTITY + id + "/insolvency-proceedings", StandardSections::insolvency,
                fee(terms, "viss.insolvency-proceedings")));
        Optional<RegisterPart> roles = viss.map(v -> new VissPart(v, "natural-person",
                id -> VissClient.NATURAL_PERSON + id, StandardSections::roles, fee(terms, "viss.natural-person")));
        Optional<RegisterPart> population = fpr.map(f -> new FprPart(f, fee(terms, "fpr.person")));

        company = List.of(section("registration", entity, noViss), section("beneficialOwners", owners, noViss),
                section("insolvency", insolvency, noViss), AnswerPart.notConnected("taxData", NO_VID),
                AnswerPart.notConnected("contacts", NO_CONTACTS));
        List<AnswerPart> p = new ArrayList<>();
        // The population register identifies a person; without it, the roles VISS knows do.
        if (population.isPresent()) {
            p.add(section("population", population, noFpr));
            p.add(section("roles", roles, noViss));
        } else {
            p.add(section("roles", roles, noViss));
            p.add(section("population", population, noFpr));
        }
        p.add(AnswerPart.notConnected("taxData", NO_VID));
        person = List.copyOf(p);
        Map<String, RegisterPart> all = new java.util.LinkedHashMap<>();
        for (Optional<RegisterPart> part : List.of(entity, owners, insolvency, roles, population)) {
            part.ifPresent(r -> all.put(r.source() + "." + r.dataClass(), r));
        }
        parts = Map.copyOf(all);
    }

    private static AnswerPart section(String name, Optional<RegisterPart> part, String notConnected) {
        return part.map(r -> AnswerPart.of(name, r)).orElseGet(() -> AnswerPart.notConnected(name, notConnected));
    }

    private static long fee(Map<String, LookupsConfig.RegisterTerms> terms, String part) {
        LookupsConfig.RegisterTerms t = terms.get(part);
        if (t == null) {
            throw new IllegalStateException("lookups.registers." + part + " is missing (the config loader requires it)");
        }
        return t.feeCents();
    }
}

package lv.sargs.gateway.lookup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import lv.sargs.gateway.config.LookupsConfig;
import lv.sargs.gateway.config.RegisterConfig;
import lv.sargs.gateway.metrics.Metrics;
import lv.sargs.gateway.status.StatusModel;
import org.junit.jupiter.api.Test;

/** The register SPI wired into the standard answers: which part fills which section, and what is refused. */
class RegisterWiringTest {

    private static final LookupsConfig NO_TERMS = new LookupsConfig(Map.of(), "storage", 100, 10, Map.of(),
            Duration.ofMinutes(5));

    /** A register answering {@code sections}, connected (with scripted parts) when {@code connected}. */
    private record Fake(String name, Set<StandardSection> answers, boolean connected,
                        Function<RegisterContext, Map<StandardSection, RegisterPart>> parts) implements Register {
        @Override
        public String title() {
            return name.toUpperCase();
        }

        @Override
        public Optional<ConnectedRegister> connect(RegisterContext context) {
            return connected ? Optional.of(new ConnectedRegister(parts.apply(context), Optional.empty())) : Optional.empty();
        }
    }

    private static Fake fake(String name, boolean connected, StandardSection... sections) {
        Set<StandardSection> answers = EnumSet.of(sections[0], sections);
        return new Fake(name, answers, connected, c -> {
            Map<StandardSection, RegisterPart> parts = new java.util.EnumMap<>(StandardSection.class);
            answers.forEach(s -> parts.put(s, new ScriptedRegister(id -> ScriptedRegister.found("{}"))));
            return parts;
        });
    }

    private static RegisterConnections connect(LookupsConfig config, Register... registers) {
        return new RegisterConnections(List.of(registers), config, null, null, new StatusModel(java.time.Clock.systemUTC()), new Metrics(),
                (key, purpose) -> { });
    }

    private static List<String> names(List<AnswerPart> parts) {
        return parts.stream().map(AnswerPart::name).toList();
    }

    @Test
    void theInstalledRegistersAreTheServiceListInItsOrder() {
        List<String> installed = Registers.installed().stream().map(Register::name).toList();
        assertEquals(List.of("viss", "fpr"), installed.subList(0, 2));
        assertEquals(installed.size(), Set.copyOf(installed).size(), "register names are unique: " + installed);
    }

    @Test
    void everyInstalledRegisterStaysUnconnectedWithoutItsSectionAndItsSectionsSaySo() {
        List<Register> installed = Registers.installed();
        RegisterConnections none = connect(NO_TERMS, installed.toArray(Register[]::new));
        assertTrue(none.connected.isEmpty());
        LookupSections sections = new LookupSections(installed, none.connected);
        assertEquals("source not connected: State Revenue Service (VID) (lookups.vid is not configured)",
                sections.company.get(3).notConnectedReason());
        assertEquals("source not connected: VISS (lookups.viss is not configured)",
                sections.company.get(0).notConnectedReason());
    }

    @Test
    void aConnectedRegisterFillsTheSectionsItDeclaresAndTheOthersSayWhoWouldAnswerThem() {
        Register population = fake("pop", true, StandardSection.PERSON_POPULATION);
        Register entities = fake("ent", false, StandardSection.COMPANY_REGISTRATION, StandardSection.PERSON_ROLES);
        RegisterConnections c = connect(NO_TERMS, entities, population);
        LookupSections sections = new LookupSections(List.of(entities, population), c.connected);

        assertEquals(List.of("registration", "beneficialOwners", "insolvency", "taxData", "contacts"),
                names(sections.company));
        assertEquals(List.of("population", "roles", "taxData"), names(sections.person));
        assertTrue(sections.person.get(0).register().isPresent());
        assertEquals("source not connected: ENT (lookups.ent is not configured)",
                sections.company.get(0).notConnectedReason());
        assertEquals("source not connected: no register offers contacts to Sargs yet",
                sections.company.get(4).notConnectedReason());
        assertEquals(1, sections.parts.size());
    }

    @Test
    void withoutThePopulationRegisterTheRolesIdentifyAPerson() {
        Register population = fake("pop", false, StandardSection.PERSON_POPULATION);
        Register entities = fake("ent", true, StandardSection.COMPANY_REGISTRATION, StandardSection.PERSON_ROLES);
        LookupSections sections = new LookupSections(List.of(entities, population),
                connect(NO_TERMS, entities, population).connected);

        assertEquals(List.of("roles", "population", "taxData"), names(sections.person));
        assertEquals("source not connected: POP (lookups.pop is not configured)",
                sections.person.get(1).notConnectedReason());
    }

    @Test
    void oneTaxpayerPartMayFillACompanyAndAPersonSection() {
        RegisterPart taxpayer = new ScriptedRegister(id -> ScriptedRegister.found("{}"));
        Register tax = new Fake("tax", EnumSet.of(StandardSection.COMPANY_TAX_DATA, StandardSection.PERSON_TAX_DATA),
                true, c -> Map.of(StandardSection.COMPANY_TAX_DATA, taxpayer, StandardSection.PERSON_TAX_DATA, taxpayer));
        LookupSections sections = new LookupSections(List.of(tax), connect(NO_TERMS, tax).connected);

        assertSame(taxpayer, sections.company.get(3).register().orElseThrow());
        assertSame(taxpayer, sections.person.get(2).register().orElseThrow());
        assertEquals(Set.of(taxpayer), sections.parts);
    }

    @Test
    void aPartForASectionTheRegisterDoesNotDeclareIsRefused() {
        Register liar = new Fake("liar", EnumSet.of(StandardSection.COMPANY_TAX_DATA), true,
                c -> Map.of(StandardSection.PERSON_ROLES, new ScriptedRegister(id -> ScriptedRegister.found("{}"))));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> connect(NO_TERMS, liar));
        assertTrue(e.getMessage().contains("register liar connected a part for PERSON_ROLES"), e.getMessage());
    }

    @Test
    void aConfiguredSectionWithoutAnInstalledRegisterIsRefusedByName() {
        RegisterConfig unknown = () -> null;
        LookupsConfig config = new LookupsConfig(Map.of("nosuch", unknown), "storage", 100, 10, Map.of(),
                Duration.ofMinutes(5));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> connect(config, fake("pop", false, StandardSection.PERSON_POPULATION)));
        assertEquals("lookups.nosuch: no register of that name is installed", e.getMessage());
    }

    @Test
    void aPartsFeeComesFromItsTermsAndAMissingTermIsNamed() {
        LookupsConfig config = new LookupsConfig(Map.of(), "storage", 100, 10, Map.of("tax.taxpayer",
                new LookupsConfig.RegisterTerms(Duration.ofHours(24), Duration.ofHours(1), Duration.ofHours(72), 7)),
                Duration.ofMinutes(5));
        long[] fee = new long[1];
        Register tax = new Fake("tax", EnumSet.of(StandardSection.COMPANY_TAX_DATA), true, c -> {
            fee[0] = c.feeCents(new PartKey("tax", "taxpayer"));
            return Map.of();
        });
        connect(config, tax);
        assertEquals(7, fee[0]);

        Register missing = new Fake("tax", EnumSet.of(StandardSection.COMPANY_TAX_DATA), true, c -> {
            c.feeCents(new PartKey("tax", "other"));
            return Map.of();
        });
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> connect(config, missing));
        assertEquals("lookups.registers.tax.other is missing (the config loader requires it)", e.getMessage());
    }

    @Test
    void aPartKeyMakesItsTermsKeyAndCacheKeys() {
        PartKey key = new PartKey("viss", "legal-entity");
        assertEquals("viss.legal-entity", key.terms());
        assertEquals(LookupsConfig.termsKey("viss", "legal-entity"), key.terms());
        assertEquals("viss:legal-entity:40003032949", key.cacheKey("40003032949"));
    }
}

package lv.sargs.sandbox.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import lv.sargs.sandbox.ids.Iban;
import lv.sargs.sandbox.ids.PersonalCode;
import lv.sargs.sandbox.ids.RegistrationNumber;
import org.junit.jupiter.api.Test;

class WorldGeneratorTest {

    private static final WorldSize SIZE = new WorldSize(3_000, 600, 30);
    private static final Clock FIXED = Clock.fixed(Instant.parse("2026-01-02T10:00:00Z"), ZoneOffset.UTC);

    /** Shared by the read-only tests; tests that record changes generate their own. */
    private static final World SHARED = World.generate(generator(42), FIXED);

    private final World world = SHARED;

    private static WorldGenerator generator(long seed) {
        return new WorldGenerator(seed, SIZE, WorldGenerator.DEFAULT_REFERENCE_DATE);
    }

    @Test
    void sameSeedGivesIdenticalWorld() {
        World again = World.generate(generator(42), FIXED);
        assertEquals(world.persons(), again.persons());
        assertEquals(world.companies(), again.companies());
        assertEquals(world.treasuryAccounts(), again.treasuryAccounts());
        assertEquals(world.changesAfter(0, Change.Subject.LEGAL_ENTITY, 10_000),
                again.changesAfter(0, Change.Subject.LEGAL_ENTITY, 10_000));
    }

    @Test
    void entitiesDoNotDependOnTheOrderTheyAreAskedFor() {
        WorldGenerator fresh = generator(42);
        assertEquals(world.persons().get(2_999), fresh.person(2_999));
        assertEquals(world.companies().get(599), fresh.company(599));
        assertEquals(world.persons().get(0), fresh.person(0));
        assertEquals(world.companies().get(0), fresh.company(0));
    }

    @Test
    void otherSeedGivesOtherWorld() {
        World other = World.generate(generator(43), FIXED);
        assertNotEquals(world.persons(), other.persons());
        assertNotEquals(world.companies(), other.companies());
    }

    @Test
    void everyPersonalCodeIsValidUniqueAndMatchesTheBirthDate() {
        Set<String> seen = new HashSet<>();
        int oldFormat = 0;
        int newFormat = 0;
        for (Person p : world.persons()) {
            PersonalCode code = PersonalCode.parse(p.personalCode());
            assertTrue(seen.add(p.personalCode()), "duplicate " + p.personalCode());
            if (code.isNewFormat()) {
                newFormat++;
            } else {
                oldFormat++;
                assertEquals(p.birthDate(), code.birthDate().orElseThrow(), p.personalCode());
            }
            if (!p.birthDate().isBefore(LocalDate.of(2017, 7, 1))) {
                assertTrue(code.isNewFormat(), "born after July 2017 with an old code: " + p);
            }
        }
        assertTrue(oldFormat > 1_000 && newFormat > 100, "old " + oldFormat + ", new " + newFormat);
    }

    @Test
    void onePersonChangedCodeOnceFromOldToNewFormat() {
        List<Person> changed = world.persons().stream().filter(p -> p.codeChange().isPresent()).toList();
        assertEquals(1, changed.size());
        Person p = world.personWithChangedCode();
        assertEquals(changed.get(0), p);
        String previous = p.codeChange().orElseThrow().previousCode();
        assertFalse(PersonalCode.parse(previous).isNewFormat());
        assertEquals(p.birthDate(), PersonalCode.parse(previous).birthDate().orElseThrow());
        assertTrue(PersonalCode.parse(p.personalCode()).isNewFormat());
        assertEquals(p, world.person(previous).orElseThrow());
        assertEquals(p, world.person(previous.substring(0, 6) + "-" + previous.substring(6)).orElseThrow());
    }

    @Test
    void namesAreLatvianWithDiacriticsAndFemaleSurnameForms() {
        Set<String> surnames = world.persons().stream().map(Person::surname).collect(Collectors.toSet());
        assertTrue(surnames.contains("Bērziņš") || surnames.contains("Bērziņa"));
        assertTrue(world.persons().stream().anyMatch(p -> p.forename().equals("Jānis")));
        assertTrue(world.persons().stream().anyMatch(p -> p.forename().equals("Līga")));
        for (Person p : world.persons()) {
            String[] pair = Vocabulary.SURNAMES.stream().filter(s -> s[0].equals(p.surname()) || s[1].equals(p.surname()))
                    .findFirst().orElseThrow();
            assertEquals(pair[p.sex() == Sex.MALE ? 0 : 1], p.surname(), p.toString());
        }
    }

    @Test
    void everyRegistrationNumberIsValidUniqueAndRegisterPrefixed() {
        Set<String> seen = new HashSet<>();
        for (Company c : world.companies()) {
            assertTrue(RegistrationNumber.isValid(c.registrationNumber()), c.registrationNumber());
            assertTrue(seen.add(c.registrationNumber()), "duplicate " + c.registrationNumber());
            char prefix = c.registrationNumber().charAt(0);
            assertEquals(c.legalForm() == LegalForm.IESTADE, prefix == '9', c.toString());
        }
        assertEquals(SIZE.companies() + SIZE.institutions(), seen.size());
    }

    @Test
    void everyTreasuryIbanIsValidUniqueAndHeldByAnInstitution() {
        Set<String> seen = new HashSet<>();
        for (TreasuryAccount a : world.treasuryAccounts()) {
            assertTrue(Iban.isValid(a.iban()), a.iban());
            assertEquals("TREL", Iban.parse(a.iban()).bankCode());
            assertTrue(seen.add(a.iban()), "duplicate " + a.iban());
            assertEquals(LegalForm.IESTADE, world.company(a.holderRegistrationNumber()).orElseThrow().legalForm());
        }
        assertTrue(seen.size() >= SIZE.institutions());
    }

    @Test
    void officersAndOwnersAreAdultPersonsOfTheWorldOrForeigners() {
        int foreigners = 0;
        for (Company c : world.companies()) {
            for (Officer o : c.officers()) {
                if (o.person().latvianIdentityNumber() == null) {
                    foreigners++;
                    continue;
                }
                Person p = world.person(o.person().latvianIdentityNumber()).orElseThrow();
                assertEquals(p.asRef(), o.person());
                assertTrue(p.birthDate().isBefore(LocalDate.of(2005, 1, 1)), p.toString());
            }
            c.beneficialOwners().forEach(b -> world.person(b.person().latvianIdentityNumber()).orElseThrow());
            if (!c.beneficialOwners().isEmpty()) {
                assertEquals(100, c.beneficialOwners().stream().mapToInt(BeneficialOwner::sharePercent).sum(), c.toString());
            }
        }
        assertTrue(foreigners > 0);
    }

    @Test
    void someCompaniesAreInsolventAndTheFirstIsAHealthySiaWithTwoBoardMembers() {
        Company first = world.companies().get(0);
        assertEquals(LegalForm.SIA, first.legalForm());
        assertEquals(EntityStatus.REGISTERED, first.status());
        assertEquals(2, first.officers().size());
        assertTrue(first.legalName().startsWith("SIA \""), first.legalName());
        assertEquals(EntityStatus.INSOLVENCY, world.companies().get(2).status());
        assertTrue(world.companies().get(2).insolvencyProceedings().get(0).ongoing());
        assertTrue(world.companies().stream().filter(c -> c.status() == EntityStatus.INSOLVENCY).count() > 3);
    }

    @Test
    void recordedChangeReplacesTheEntityAndAppearsInTheLogOnce() {
        World world = World.generate(generator(42), FIXED);
        Company first = world.companies().get(0);
        long before = world.lastSequence();

        long seq = world.recordChange(first.withLegalName("SIA \"Jaunais Nosaukums\""));

        assertEquals(before + 1, seq);
        assertEquals("SIA \"Jaunais Nosaukums\"", world.company(first.registrationNumber()).orElseThrow().legalName());
        List<Change> changes = world.changesAfter(before, Change.Subject.LEGAL_ENTITY, 10);
        assertEquals(List.of(new Change(seq, FIXED.instant(), Change.Subject.LEGAL_ENTITY,
                first.registrationNumber(), "LEGAL_NAME")), changes);
    }

    @Test
    void personsRolesAreFoundByEitherCode() {
        Company first = world.companies().get(0);
        Person officer = world.person(first.officers().stream().map(o -> o.person().latvianIdentityNumber())
                .filter(code -> code != null).findFirst().orElseThrow()).orElseThrow();
        assertTrue(world.entitiesOf(officer.personalCode()).contains(first));
    }
}

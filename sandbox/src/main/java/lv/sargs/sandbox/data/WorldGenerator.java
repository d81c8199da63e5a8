package lv.sargs.sandbox.data;

import static lv.sargs.sandbox.data.Seeds.pick;
import static lv.sargs.sandbox.data.Seeds.rng;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import lv.sargs.sandbox.data.Seeds.Stream;

/**
 * A seeded generator of a Latvian world: every entity is a pure function of the seed, its index
 * and the reference date, so the same seed gives the same world however it is asked for.
 * Identifiers are unique by construction (index-derived), not by retry.
 */
public final class WorldGenerator {

    /** The day generated worlds are "as of" unless told otherwise; fixed so a seed means one world. */
    public static final LocalDate DEFAULT_REFERENCE_DATE = LocalDate.of(2026, 1, 1);

    /** The person whose code changed once (old → new format). */
    public static final int CHANGED_CODE_PERSON = 1;

    private static final LocalDate NEW_CODES_SINCE = LocalDate.of(2017, 7, 1);
    private static final LocalDate BENEFICIAL_OWNER_REGISTER_SINCE = LocalDate.of(2017, 12, 1);
    private static final int YEARS_OF_BIRTH = 90;
    /** Persons sharing a serial (index mod 1000) sit in different day-of-span residues mod this. */
    private static final int BIRTH_BLOCKS = 100;

    private final long seed;
    private final WorldSize size;
    private final LocalDate referenceDate;

    /** A generator for {@code size} entities as of {@code referenceDate}. */
    public WorldGenerator(long seed, WorldSize size, LocalDate referenceDate) {
        this.seed = seed;
        this.size = size;
        this.referenceDate = referenceDate;
    }

    /** The seed. */
    public long seed() {
        return seed;
    }

    /** The sizes. */
    public WorldSize size() {
        return size;
    }

    /** The day the world is "as of". */
    public LocalDate referenceDate() {
        return referenceDate;
    }

    /** Person {@code index} in {@code [0, persons)}. */
    public Person person(int index) {
        checkIndex("person", index, size.persons());
        SplittableRandom names = rng(seed, Stream.PERSON_NAME, index);
        Sex sex = names.nextBoolean() ? Sex.MALE : Sex.FEMALE;
        String forename = pick(names, sex == Sex.MALE ? Vocabulary.MALE_FORENAMES : Vocabulary.FEMALE_FORENAMES);
        String surname = pick(names, Vocabulary.SURNAMES)[sex == Sex.MALE ? 0 : 1];
        LocalDate birth = birthDate(index);
        SplittableRandom status = rng(seed, Stream.PERSON_STATUS, index);
        boolean deceased = status.nextInt(100) < 3 && index != CHANGED_CODE_PERSON;
        long lived = Math.max(1, ChronoUnit.DAYS.between(birth, referenceDate));
        Optional<LocalDate> deceasedOn = deceased
                ? Optional.of(referenceDate.minusDays(status.nextLong(Math.min(lived, 3_000))))
                : Optional.empty();
        Person person = new Person(initialCode(index, birth), Optional.empty(), forename, surname, sex, birth,
                deceased ? PersonStatus.DECEASED : PersonStatus.ACTIVE, deceasedOn,
                address(rng(seed, Stream.PERSON_ADDRESS, index)), documents(index, birth));
        if (index == CHANGED_CODE_PERSON) {
            SplittableRandom when = rng(seed, Stream.PERSON_CODE_CHANGE, index);
            long daysSince = ChronoUnit.DAYS.between(NEW_CODES_SINCE, referenceDate.minusDays(60));
            person = person.withChangedCode(newFormatCode(index), NEW_CODES_SINCE.plusDays(when.nextLong(daysSince)));
        }
        return person;
    }

    /** Company or association {@code index} in {@code [0, companies)}. */
    public Company company(int index) {
        checkIndex("company", index, size.companies());
        SplittableRandom rng = rng(seed, Stream.COMPANY, index);
        int kind = rng.nextInt(100);
        LegalForm form = kind < 70 ? LegalForm.SIA : kind < 80 ? LegalForm.AS : kind < 88 ? LegalForm.IK
                : kind < 96 ? LegalForm.BIEDRIBA : LegalForm.NODIBINAJUMS;
        if (index == 0) {
            form = LegalForm.SIA;
        }
        String name = switch (form) {
            case SIA, AS, IK -> form.abbreviation() + " \"" + pick(rng, Vocabulary.NAME_FIRST_WORDS) + " "
                    + pick(rng, Vocabulary.NAME_SECOND_WORDS) + "\"";
            default -> form.abbreviation() + " \"" + pick(rng, Vocabulary.NAME_FIRST_WORDS) + " "
                    + pick(rng, Vocabulary.ASSOCIATION_WORDS).toLowerCase(Locale.ROOT) + " "
                    + form.abbreviation().toLowerCase(Locale.ROOT) + "\"";
        };
        LocalDate registeredOn = referenceDate.minusDays(200 + rng.nextInt(30 * 365));
        List<String> prefixes = form == LegalForm.BIEDRIBA || form == LegalForm.NODIBINAJUMS
                ? List.of("40008", "50008") : List.of(pick(rng, List.of("40003", "40103", "40203")), "40303");
        String number = registrationNumber(prefixes, Seeds.scramble(seed, Stream.COMPANY_NO, index, 19_683, 100_000));
        List<Officer> officers = officers(index, form, registeredOn);
        List<BeneficialOwner> owners = beneficialOwners(index, form, registeredOn);
        Company company = new Company(number, name, form, EntityStatus.REGISTERED, registeredOn,
                address(rng), officers, owners, List.of());
        return fate(index, company);
    }

    /** State or municipal institution {@code index} in {@code [0, institutions)}. */
    public Company institution(int index) {
        checkIndex("institution", index, size.institutions());
        SplittableRandom rng = rng(seed, Stream.INSTITUTION, index);
        Vocabulary.City city = pick(rng, Vocabulary.CITIES);
        String name = city.genitive() + " " + pick(rng, Vocabulary.INSTITUTION_KINDS);
        String number = registrationNumber(List.of("90000", "90001"),
                Seeds.scramble(seed, Stream.INSTITUTION_NO, index, 19_683, 100_000));
        return new Company(number, name, LegalForm.IESTADE, EntityStatus.REGISTERED,
                LocalDate.of(1991, 1, 1).plusDays(rng.nextInt(20 * 365)), address(rng), List.of(), List.of(), List.of());
    }

    /** The Treasury accounts of institution {@code index}: one to three, EUR. */
    public List<TreasuryAccount> treasuryAccounts(int index) {
        Company holder = institution(index);
        SplittableRandom rng = rng(seed, Stream.ACCOUNTS, index);
        int count = 1 + rng.nextInt(3);
        List<TreasuryAccount> accounts = new ArrayList<>(count);
        for (int seq = 1; seq <= count; seq++) {
            String account = String.format(Locale.ROOT, "2%03d%06d%03d", 100 + rng.nextInt(900), index, seq);
            accounts.add(new TreasuryAccount(StateIdentifiers.latvianIban("TREL", account), holder.registrationNumber(),
                    holder.legalName(), "EUR"));
        }
        return accounts;
    }

    /** The new-format code person {@code index} has or would get; distinct for distinct indexes. */
    String newFormatCode(int index) {
        return "32" + String.format(Locale.ROOT, "%09d",
                Seeds.scramble(seed, Stream.NEW_CODE, index, 387_420_489L, 1_000_000_000L));
    }

    private LocalDate birthDate(int index) {
        SplittableRandom rng = rng(seed, Stream.PERSON_BIRTH, index);
        LocalDate earliest = referenceDate.minusYears(YEARS_OF_BIRTH);
        int span = (int) ChronoUnit.DAYS.between(earliest, referenceDate) / BIRTH_BLOCKS;
        // The person whose code changed needs an old-format code, so a birth well before 2017.
        int bound = index == CHANGED_CODE_PERSON ? span / 2 : span;
        return earliest.plusDays((long) rng.nextInt(bound) * BIRTH_BLOCKS + index / 1_000);
    }

    private String initialCode(int index, LocalDate birth) {
        boolean newFormat = !birth.isBefore(NEW_CODES_SINCE)
                || (index != CHANGED_CODE_PERSON && rng(seed, Stream.PERSON_CODE, index).nextInt(100) < 6);
        return newFormat ? newFormatCode(index) : StateIdentifiers.oldFormatPersonalCode(birth, index % 1_000);
    }

    private boolean eligibleOfficer(int index) {
        return birthDate(index).isBefore(referenceDate.minusYears(21))
                && rng(seed, Stream.PERSON_STATUS, index).nextInt(100) >= 3;
    }

    private NaturalPersonRef someAdult(SplittableRandom rng) {
        for (int attempt = 0; attempt < 10_000; attempt++) {
            int candidate = rng.nextInt(size.persons());
            if (eligibleOfficer(candidate)) {
                return person(candidate).asRef();
            }
        }
        throw new IllegalStateException("world.persons: " + size.persons()
                + " (expected: enough living adults to staff the companies)");
    }

    private NaturalPersonRef someForeigner(SplittableRandom rng, int companyIndex, int slot) {
        String[] name = pick(rng, Vocabulary.FOREIGN_NAMES);
        long number = Seeds.scramble(seed, Stream.FOREIGNER_NO, companyIndex * 16L + slot, 1_594_323L, 10_000_000_000L);
        return NaturalPersonRef.foreigner(String.format(Locale.ROOT, "F%010d", number), name[0], name[1],
                referenceDate.minusYears(25 + rng.nextInt(45)).minusDays(rng.nextInt(365)));
    }

    private List<Officer> officers(int index, LegalForm form, LocalDate registeredOn) {
        SplittableRandom rng = rng(seed, Stream.COMPANY_OFFICERS, index);
        List<Officer> out = new ArrayList<>();
        if (form == LegalForm.IK) {
            return out;
        }
        int board = index == 0 ? 2 : form == LegalForm.AS ? 2 + rng.nextInt(3) : 1 + rng.nextInt(3);
        String representation = board == 1 ? "INDIVIDUALLY" : pick(rng, List.of("INDIVIDUALLY",
                "JOINTLY_WITH_ANOTHER_BOARD_MEMBER", "JOINTLY_WITH_ALL_BOARD_MEMBERS"));
        long tenure = Math.max(1, ChronoUnit.DAYS.between(registeredOn, referenceDate));
        for (int i = 0; i < board; i++) {
            NaturalPersonRef who = rng.nextInt(100) < 8 ? someForeigner(rng, index, i) : someAdult(rng);
            String position = board > 1 && i == 0 ? "CHAIR_OF_BOARD" : "BOARD_MEMBER";
            out.add(new Officer(who, "EXECUTIVE_BOARD", position, registeredOn.plusDays(rng.nextLong(tenure)),
                    representation));
        }
        if (form == LegalForm.AS) {
            int council = 3 + rng.nextInt(3);
            for (int i = 0; i < council; i++) {
                out.add(new Officer(someAdult(rng), "SUPERVISORY_COUNCIL", i == 0 ? "CHAIR_OF_COUNCIL" : "COUNCIL_MEMBER",
                        registeredOn.plusDays(rng.nextLong(tenure)), "NONE"));
            }
        }
        return out;
    }

    private List<BeneficialOwner> beneficialOwners(int index, LegalForm form, LocalDate registeredOn) {
        if (form == LegalForm.BIEDRIBA || form == LegalForm.NODIBINAJUMS) {
            return List.of();
        }
        SplittableRandom rng = rng(seed, Stream.COMPANY_OWNERS, index);
        int count = form == LegalForm.IK ? 1 : 1 + rng.nextInt(3);
        LocalDate since = registeredOn.isAfter(BENEFICIAL_OWNER_REGISTER_SINCE) ? registeredOn
                : BENEFICIAL_OWNER_REGISTER_SINCE.plusDays(rng.nextInt(180));
        List<BeneficialOwner> out = new ArrayList<>(count);
        int left = 100;
        for (int i = 0; i < count; i++) {
            int share = i == count - 1 ? left : 25 + rng.nextInt(Math.max(1, left - 25 * (count - i)));
            left -= share;
            out.add(new BeneficialOwner(someAdult(rng), "LV", "DIRECT_SHAREHOLDING", share, since));
        }
        return out;
    }

    /** Insolvency, liquidation or exclusion for a few companies; companies 2 and 3 always have one. */
    private Company fate(int index, Company company) {
        SplittableRandom rng = rng(seed, Stream.COMPANY_FATE, index);
        int roll = index == 2 ? 0 : index == 3 ? 7 : index < 2 ? 99 : rng.nextInt(100);
        String proceedingId = String.format(Locale.ROOT, "%s-%05d", company.registrationNumber().substring(5), index);
        String administrator = pick(rng, Vocabulary.MALE_FORENAMES) + " " + pick(rng, Vocabulary.SURNAMES)[0];
        String court = pick(rng, Vocabulary.COURTS);
        LocalDate started = referenceDate.minusDays(20 + rng.nextInt(700));
        if (roll < 4) {
            return company.withStatus(EntityStatus.INSOLVENCY).withInsolvencyProceedings(List.of(
                    new InsolvencyProceeding(proceedingId, "INSOLVENCY", court, administrator, started, Optional.empty())));
        }
        if (roll < 6) {
            return company.withInsolvencyProceedings(List.of(new InsolvencyProceeding(proceedingId, "LEGAL_PROTECTION",
                    court, administrator, started, Optional.of(started.plusDays(120)))));
        }
        if (roll < 9) {
            return company.withStatus(EntityStatus.EXCLUDED);
        }
        return roll < 10 ? company.withStatus(EntityStatus.LIQUIDATION) : company;
    }

    private static String registrationNumber(List<String> prefixes, long middle) {
        String digits = String.format(Locale.ROOT, "%05d", middle);
        for (String prefix : prefixes) {
            Optional<String> number = StateIdentifiers.completeRegistrationNumber(prefix + digits);
            if (number.isPresent()) {
                return number.get();
            }
        }
        // The prefixes differ at a weighted position, so one of them always completes.
        throw new IllegalStateException("no registration number for " + prefixes + " + " + digits);
    }

    private static Address address(SplittableRandom rng) {
        Vocabulary.City city = pick(rng, Vocabulary.CITIES);
        String house = (1 + rng.nextInt(120)) + (rng.nextInt(10) == 0 ? "A" : "");
        String apartment = rng.nextInt(3) == 0 ? null : String.valueOf(1 + rng.nextInt(80));
        return new Address(pick(rng, Vocabulary.STREETS), house, apartment, city.name(),
                String.format(Locale.ROOT, "LV-%04d", city.firstPostcode() + rng.nextInt(city.postcodes())));
    }

    private List<IdentityDocument> documents(int index, LocalDate birth) {
        SplittableRandom rng = rng(seed, Stream.PERSON_DOCUMENTS, index);
        List<IdentityDocument> out = new ArrayList<>(2);
        long number = Seeds.scramble(seed, Stream.DOCUMENT_NO, index, 3_486_784_401L, 10_000_000L);
        LocalDate issued = referenceDate.minusDays(rng.nextInt(3_000));
        if (issued.isBefore(birth)) {
            issued = birth;
        }
        out.add(new IdentityDocument("ID_CARD", String.format(Locale.ROOT, "PA%07d", number), issued,
                issued.plusYears(birth.isAfter(referenceDate.minusYears(18)) ? 5 : 10)));
        if (rng.nextBoolean()) {
            LocalDate passportIssued = referenceDate.minusDays(rng.nextInt(3_600));
            out.add(new IdentityDocument("PASSPORT", String.format(Locale.ROOT, "LV%07d", number),
                    passportIssued.isBefore(birth) ? birth : passportIssued, passportIssued.plusYears(10)));
        }
        return out;
    }

    private static void checkIndex(String what, int index, int size) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(what + " index: " + index + " (expected: 0-" + (size - 1) + ")");
        }
    }
}

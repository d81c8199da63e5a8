package lv.sargs.sandbox.data;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The registers' state shared by all simulators: the generated persons, legal entities and
 * Treasury accounts, and one change log that the changes feeds page through. Reads are lock-free
 * from any thread; {@link #recordChange(Company)} and {@link #recordChange(Person)} mutate it and
 * append to the log, so tests can make a register change under a running simulator.
 */
public final class World {

    private final WorldGenerator generator;
    private final Clock clock;
    private final AtomicReferenceArray<Person> persons;
    private final AtomicReferenceArray<Company> companies;
    private final Map<String, Integer> personByCode = new ConcurrentHashMap<>();
    private final Map<String, Integer> companyByNumber = new ConcurrentHashMap<>();
    private final List<TreasuryAccount> accounts;
    private final List<Change> log = new ArrayList<>();
    private volatile Map<String, List<Integer>> entitiesByPersonCode;

    private World(WorldGenerator generator, Clock clock) {
        this.generator = generator;
        this.clock = clock;
        WorldSize size = generator.size();
        persons = new AtomicReferenceArray<>(size.persons());
        for (int i = 0; i < size.persons(); i++) {
            Person p = generator.person(i);
            persons.set(i, p);
            indexCodes(p, i);
        }
        companies = new AtomicReferenceArray<>(size.companies() + size.institutions());
        List<TreasuryAccount> treasury = new ArrayList<>();
        for (int i = 0; i < size.companies(); i++) {
            companies.set(i, generator.company(i));
        }
        for (int i = 0; i < size.institutions(); i++) {
            companies.set(size.companies() + i, generator.institution(i));
            treasury.addAll(generator.treasuryAccounts(i));
        }
        for (int i = 0; i < companies.length(); i++) {
            companyByNumber.put(companies.get(i).registrationNumber(), i);
        }
        accounts = List.copyOf(treasury);
        entitiesByPersonCode = indexRoles();
        log.addAll(history());
    }

    /** The world for {@code seed} at the default size and reference date, changes stamped by the system clock. */
    public static World generate(long seed) {
        return generate(new WorldGenerator(seed, WorldSize.DEFAULT, WorldGenerator.DEFAULT_REFERENCE_DATE),
                Clock.systemUTC());
    }

    /** The world a generator describes; {@code clock} stamps changes recorded from now on. */
    public static World generate(WorldGenerator generator, Clock clock) {
        return new World(generator, clock);
    }

    /** The generator this world came from. */
    public WorldGenerator generator() {
        return generator;
    }

    /** All persons, current versions, in generation order. */
    public List<Person> persons() {
        List<Person> out = new ArrayList<>(persons.length());
        for (int i = 0; i < persons.length(); i++) {
            out.add(persons.get(i));
        }
        return out;
    }

    /** All legal entities (companies, then institutions), current versions, in generation order. */
    public List<Company> companies() {
        List<Company> out = new ArrayList<>(companies.length());
        for (int i = 0; i < companies.length(); i++) {
            out.add(companies.get(i));
        }
        return out;
    }

    /** All Treasury accounts. */
    public List<TreasuryAccount> treasuryAccounts() {
        return accounts;
    }

    /** The person with this current or previous personal code (hyphen optional). */
    public Optional<Person> person(String personalCode) {
        if (personalCode == null) {
            return Optional.empty();
        }
        Integer i = personByCode.get(stripHyphen(personalCode));
        return i == null ? Optional.empty() : Optional.of(persons.get(i));
    }

    /** The legal entity with this registration number. */
    public Optional<Company> company(String registrationNumber) {
        if (registrationNumber == null) {
            return Optional.empty();
        }
        Integer i = companyByNumber.get(registrationNumber);
        return i == null ? Optional.empty() : Optional.of(companies.get(i));
    }

    /** The person whose personal code changed once (old → new format). */
    public Person personWithChangedCode() {
        return persons.get(WorldGenerator.CHANGED_CODE_PERSON);
    }

    /** The legal entities in which the person (by any of their codes) is an officer or beneficial owner. */
    public List<Company> entitiesOf(String personalCode) {
        Optional<Person> person = person(personalCode);
        Set<String> codes = new LinkedHashSet<>();
        codes.add(stripHyphen(personalCode));
        person.ifPresent(p -> {
            codes.add(p.personalCode());
            p.codeChange().ifPresent(c -> codes.add(c.previousCode()));
        });
        Map<String, List<Integer>> index = entitiesByPersonCode;
        Set<Integer> found = new LinkedHashSet<>();
        for (String code : codes) {
            found.addAll(index.getOrDefault(code, List.of()));
        }
        return found.stream().sorted().map(companies::get).toList();
    }

    /** Up to {@code limit} changes of {@code subject} with a sequence above {@code after}, oldest first. */
    public List<Change> changesAfter(long after, Change.Subject subject, int limit) {
        List<Change> out = new ArrayList<>(Math.min(limit, 64));
        synchronized (log) {
            for (Change c : log) {
                if (c.sequence() > after && c.subject() == subject) {
                    out.add(c);
                    if (out.size() == limit) {
                        break;
                    }
                }
            }
        }
        return out;
    }

    /** The sequence of the latest change in the log. */
    public long lastSequence() {
        synchronized (log) {
            return log.isEmpty() ? 0 : log.get(log.size() - 1).sequence();
        }
    }

    /**
     * Replaces the legal entity with the same registration number and logs one change per aspect
     * that differs ({@code OTHER} if none does).
     *
     * @return the sequence of the last change logged
     */
    public long recordChange(Company updated) {
        Integer i = companyByNumber.get(updated.registrationNumber());
        if (i == null) {
            throw new IllegalArgumentException("company.registrationNumber: " + updated.registrationNumber()
                    + " (expected: a legal entity of this world)");
        }
        synchronized (log) {
            Company old = companies.getAndSet(i, updated);
            List<String> types = new ArrayList<>();
            diff(types, "LEGAL_NAME", old.legalName(), updated.legalName());
            diff(types, "STATUS", old.status(), updated.status());
            diff(types, "ADDRESS", old.address(), updated.address());
            diff(types, "OFFICERS", old.officers(), updated.officers());
            diff(types, "BENEFICIAL_OWNERS", old.beneficialOwners(), updated.beneficialOwners());
            diff(types, "INSOLVENCY_PROCEEDINGS", old.insolvencyProceedings(), updated.insolvencyProceedings());
            entitiesByPersonCode = indexRoles();
            return append(Change.Subject.LEGAL_ENTITY, updated.registrationNumber(), types);
        }
    }

    /**
     * Replaces the person found by the updated record's code, or by its previous code when the code
     * changed, and logs one change per aspect that differs ({@code OTHER} if none does).
     *
     * @return the sequence of the last change logged
     */
    public long recordChange(Person updated) {
        Integer i = personByCode.get(updated.personalCode());
        if (i == null && updated.codeChange().isPresent()) {
            i = personByCode.get(updated.codeChange().get().previousCode());
        }
        if (i == null) {
            throw new IllegalArgumentException("person.personalCode: " + updated.personalCode()
                    + " (expected: a person of this world, by current or previous code)");
        }
        synchronized (log) {
            Person old = persons.getAndSet(i, updated);
            indexCodes(updated, i);
            List<String> types = new ArrayList<>();
            diff(types, "PERSONAL_CODE", old.personalCode(), updated.personalCode());
            diff(types, "NAME", old.forename() + " " + old.surname(), updated.forename() + " " + updated.surname());
            diff(types, "STATUS", old.status(), updated.status());
            diff(types, "ADDRESS", old.address(), updated.address());
            diff(types, "DOCUMENTS", old.documents(), updated.documents());
            return append(Change.Subject.NATURAL_PERSON, updated.personalCode(), types);
        }
    }

    private long append(Change.Subject subject, String id, List<String> types) {
        if (types.isEmpty()) {
            types.add("OTHER");
        }
        Instant now = clock.instant();
        long seq = log.isEmpty() ? 0 : log.get(log.size() - 1).sequence();
        for (String type : types) {
            log.add(new Change(++seq, now, subject, id, type));
        }
        return seq;
    }

    private static void diff(List<String> types, String type, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            types.add(type);
        }
    }

    private void indexCodes(Person p, int i) {
        personByCode.put(p.personalCode(), i);
        p.codeChange().ifPresent(c -> personByCode.put(c.previousCode(), i));
    }

    private Map<String, List<Integer>> indexRoles() {
        Map<String, List<Integer>> index = new HashMap<>();
        for (int i = 0; i < companies.length(); i++) {
            Company c = companies.get(i);
            Set<String> codes = new LinkedHashSet<>();
            c.officers().forEach(o -> addCode(codes, o.person()));
            c.beneficialOwners().forEach(b -> addCode(codes, b.person()));
            for (String code : codes) {
                index.computeIfAbsent(code, k -> new ArrayList<>()).add(i);
            }
        }
        index.replaceAll((k, v) -> List.copyOf(v));
        return Map.copyOf(index);
    }

    private static void addCode(Set<String> codes, NaturalPersonRef ref) {
        if (ref.latvianIdentityNumber() != null) {
            codes.add(ref.latvianIdentityNumber());
        }
    }

    /** The changes a generated world already has behind it, derived from its data, oldest first. */
    private List<Change> history() {
        record Entry(LocalDate on, Change.Subject subject, String id, String type) {
        }
        List<Entry> entries = new ArrayList<>();
        LocalDate recent = generator.referenceDate().minusYears(1);
        for (int i = 0; i < persons.length(); i++) {
            Person p = persons.get(i);
            p.codeChange().ifPresent(c -> entries.add(
                    new Entry(c.changedOn(), Change.Subject.NATURAL_PERSON, p.personalCode(), "PERSONAL_CODE")));
        }
        for (int i = 0; i < companies.length(); i++) {
            Company c = companies.get(i);
            c.insolvencyProceedings().forEach(p -> entries.add(new Entry(p.startedOn(), Change.Subject.LEGAL_ENTITY,
                    c.registrationNumber(), "INSOLVENCY_PROCEEDINGS")));
            c.officers().stream().map(Officer::appointedOn).filter(d -> d.isAfter(recent)).max(Comparator.naturalOrder())
                    .ifPresent(d -> entries.add(new Entry(d, Change.Subject.LEGAL_ENTITY, c.registrationNumber(),
                            "OFFICERS")));
        }
        entries.sort(Comparator.comparing(Entry::on).thenComparing(Entry::subject).thenComparing(Entry::id)
                .thenComparing(Entry::type));
        List<Change> out = new ArrayList<>(entries.size());
        long seq = 0;
        for (Entry e : entries) {
            out.add(new Change(++seq, e.on().atStartOfDay(ZoneOffset.UTC).toInstant(), e.subject(), e.id(), e.type()));
        }
        return out;
    }

    private static String stripHyphen(String code) {
        return code != null && code.length() == 12 && code.charAt(6) == '-'
                ? code.substring(0, 6) + code.substring(7) : code;
    }
}

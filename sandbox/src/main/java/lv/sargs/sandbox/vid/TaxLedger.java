package lv.sargs.sandbox.vid;

import java.time.LocalDate;
import java.util.Optional;
import lv.sargs.sandbox.data.Company;
import lv.sargs.sandbox.data.Person;
import lv.sargs.sandbox.data.World;

/**
 * The simulated taxpayers: every company and person of the world, with a VAT registration and a
 * tax debt drawn from the seed and the taxpayer code — the same record every time, so tests can
 * ask the ledger what the simulator answers. About 7 in 10 companies and 1 in 20 persons are
 * VAT-registered; about 1 in 6 taxpayers has a debt.
 */
public final class TaxLedger {

    private final World world;
    private final long seed;
    private final LocalDate asOf;

    /** The taxpayers of {@code world}. */
    public TaxLedger(World world) {
        this.world = world;
        this.seed = world.generator().seed();
        this.asOf = world.generator().referenceDate();
    }

    /** The taxpayer with code {@code code} (11 digits), or empty when VID does not know it. */
    public Optional<TaxRecord> taxpayer(String code) {
        Optional<Company> company = world.company(code);
        if (company.isPresent()) {
            Company c = company.get();
            boolean vat = draw(code, 1, 10) < 7;
            return Optional.of(record(code, c.legalName(), true, vat, c.registeredOn().plusDays(draw(code, 2, 400))));
        }
        return world.person(code).map((Person p) -> record(code, p.forename() + " " + p.surname(), false,
                draw(code, 1, 20) == 0, p.birthDate().plusYears(20 + draw(code, 2, 30))));
    }

    private TaxRecord record(String code, String name, boolean legalPerson, boolean vat, LocalDate vatSince) {
        LocalDate since = vatSince.isAfter(asOf) ? asOf : vatSince;
        long debt = draw(code, 3, 6) == 0 ? 100 + draw(code, 4, 2_500_000) : 0;
        return new TaxRecord(code, name, legalPerson, vat ? Optional.of("LV" + code) : Optional.empty(),
                vat ? Optional.of(since) : Optional.empty(), debt, asOf);
    }

    /** A number in [0, bound) fixed by the seed, the code and which draw it is. */
    private int draw(String code, int which, int bound) {
        long h = seed * 0x9E3779B97F4A7C15L + which;
        for (int i = 0; i < code.length(); i++) {
            h = (h ^ code.charAt(i)) * 0x100000001B3L;
        }
        h ^= h >>> 31;
        return (int) Math.floorMod(h, (long) bound);
    }
}

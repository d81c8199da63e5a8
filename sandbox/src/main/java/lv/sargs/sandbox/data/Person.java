package lv.sargs.sandbox.data;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * A natural person in the population register.
 *
 * @param personalCode current personal code, eleven digits
 * @param codeChange the earlier code, when it was changed once
 * @param forename given name
 * @param surname family name, in the form for the person's sex
 * @param sex sex
 * @param birthDate birth date (old-format codes encode it)
 * @param status register status
 * @param deceasedOn date of death when {@code status} is {@link PersonStatus#DECEASED}
 * @param address declared address
 * @param documents identity documents, newest first
 */
public record Person(String personalCode, Optional<PersonalCodeChange> codeChange, String forename, String surname,
                     Sex sex, LocalDate birthDate, PersonStatus status, Optional<LocalDate> deceasedOn,
                     Address address, List<IdentityDocument> documents) {

    public Person {
        documents = List.copyOf(documents);
    }

    /** This person as officers and owners reference them. */
    public NaturalPersonRef asRef() {
        return NaturalPersonRef.latvian(personalCode, forename, surname, birthDate);
    }

    /** A copy with another surname, e.g. after marriage. */
    public Person withSurname(String newSurname) {
        return new Person(personalCode, codeChange, forename, newSurname, sex, birthDate, status, deceasedOn,
                address, documents);
    }

    /** A copy with another declared address. */
    public Person withAddress(Address newAddress) {
        return new Person(personalCode, codeChange, forename, surname, sex, birthDate, status, deceasedOn,
                newAddress, documents);
    }

    /** A copy whose code changed from the current one to {@code newCode} on {@code on}. */
    public Person withChangedCode(String newCode, LocalDate on) {
        if (codeChange.isPresent()) {
            throw new IllegalStateException("person " + personalCode + ": code already changed once from "
                    + codeChange.get().previousCode() + " (expected: at most one change)");
        }
        return new Person(newCode, Optional.of(new PersonalCodeChange(personalCode, on)), forename, surname, sex,
                birthDate, status, deceasedOn, address, documents);
    }
}

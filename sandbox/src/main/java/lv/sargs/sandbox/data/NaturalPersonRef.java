package lv.sargs.sandbox.data;

import java.time.LocalDate;

/**
 * A natural person as the Enterprise Register names officers and owners: a Latvian personal code,
 * or for a foreigner the number the register's system assigned, never both.
 *
 * @param latvianIdentityNumber personal code, or {@code null} for a foreigner
 * @param foreignerSystemAssignedNumber the register's number for a foreigner, or {@code null}
 * @param forename given name
 * @param surname family name
 * @param birthDate birth date
 */
public record NaturalPersonRef(String latvianIdentityNumber, String foreignerSystemAssignedNumber, String forename,
                               String surname, LocalDate birthDate) {

    public NaturalPersonRef {
        if ((latvianIdentityNumber == null) == (foreignerSystemAssignedNumber == null)) {
            throw new IllegalArgumentException("naturalPerson " + forename + " " + surname
                    + ": latvianIdentityNumber=" + latvianIdentityNumber + ", foreignerSystemAssignedNumber="
                    + foreignerSystemAssignedNumber + " (expected: exactly one of them)");
        }
    }

    /** A person with a Latvian personal code. */
    public static NaturalPersonRef latvian(String code, String forename, String surname, LocalDate birthDate) {
        return new NaturalPersonRef(code, null, forename, surname, birthDate);
    }

    /** A foreigner known by the register's own number. */
    public static NaturalPersonRef foreigner(String number, String forename, String surname, LocalDate birthDate) {
        return new NaturalPersonRef(null, number, forename, surname, birthDate);
    }
}

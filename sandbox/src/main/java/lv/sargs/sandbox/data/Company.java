package lv.sargs.sandbox.data;

import java.time.LocalDate;
import java.util.List;

/**
 * A legal entity: a company, association or state institution.
 *
 * @param registrationNumber eleven digits, valid per {@code lv.sargs.sandbox.ids.RegistrationNumber}
 * @param legalName name as registered, with the form, e.g. {@code SIA "Zaļā Būve"}
 * @param legalForm legal form
 * @param status register status
 * @param registeredOn registration date
 * @param address legal address
 * @param officers members of the governing bodies
 * @param beneficialOwners beneficial owners
 * @param insolvencyProceedings proceedings, oldest first
 */
public record Company(String registrationNumber, String legalName, LegalForm legalForm, EntityStatus status,
                      LocalDate registeredOn, Address address, List<Officer> officers,
                      List<BeneficialOwner> beneficialOwners, List<InsolvencyProceeding> insolvencyProceedings) {

    public Company {
        officers = List.copyOf(officers);
        beneficialOwners = List.copyOf(beneficialOwners);
        insolvencyProceedings = List.copyOf(insolvencyProceedings);
    }

    /** A copy under another name. */
    public Company withLegalName(String name) {
        return new Company(registrationNumber, name, legalForm, status, registeredOn, address, officers,
                beneficialOwners, insolvencyProceedings);
    }

    /** A copy with another status. */
    public Company withStatus(EntityStatus newStatus) {
        return new Company(registrationNumber, legalName, legalForm, newStatus, registeredOn, address, officers,
                beneficialOwners, insolvencyProceedings);
    }

    /** A copy at another legal address. */
    public Company withAddress(Address newAddress) {
        return new Company(registrationNumber, legalName, legalForm, status, registeredOn, newAddress, officers,
                beneficialOwners, insolvencyProceedings);
    }

    /** A copy with other officers. */
    public Company withOfficers(List<Officer> newOfficers) {
        return new Company(registrationNumber, legalName, legalForm, status, registeredOn, address, newOfficers,
                beneficialOwners, insolvencyProceedings);
    }

    /** A copy with other beneficial owners. */
    public Company withBeneficialOwners(List<BeneficialOwner> owners) {
        return new Company(registrationNumber, legalName, legalForm, status, registeredOn, address, officers,
                owners, insolvencyProceedings);
    }

    /** A copy with other insolvency proceedings. */
    public Company withInsolvencyProceedings(List<InsolvencyProceeding> proceedings) {
        return new Company(registrationNumber, legalName, legalForm, status, registeredOn, address, officers,
                beneficialOwners, proceedings);
    }
}

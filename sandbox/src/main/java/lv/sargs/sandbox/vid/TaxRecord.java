package lv.sargs.sandbox.vid;

import java.time.LocalDate;
import java.util.Optional;

/**
 * What the simulated State Revenue Service (VID) knows of one taxpayer: VAT registration and tax
 * debt. The real interface is unconfirmed; these fields are the sandbox's assumption.
 *
 * @param taxpayerCode the registration number or personal code, 11 digits
 * @param name the company's name, or the person's forename and surname
 * @param legalPerson whether the taxpayer is a company
 * @param vatNumber e.g. {@code LV40003032949}; empty when not registered for VAT
 * @param vatRegisteredOn when the VAT registration began; empty when not registered
 * @param debtCents the overdue tax debt in euro cents, 0 for none
 * @param asOf the day the debt figure is as of
 */
public record TaxRecord(String taxpayerCode, String name, boolean legalPerson, Optional<String> vatNumber,
                        Optional<LocalDate> vatRegisteredOn, long debtCents, LocalDate asOf) {

    /** The debt as a decimal string with two fractional digits, e.g. {@code 1234.50}. */
    public String debtAmount() {
        return debtCents / 100 + "." + String.format("%02d", debtCents % 100);
    }
}

package lv.sargs.sandbox.data;

/**
 * An account held at the Treasury (Valsts kase, BIC TRELLV22).
 *
 * @param iban LV IBAN with bank code {@code TREL}
 * @param holderRegistrationNumber the holding institution's registration number
 * @param holderName the holding institution's name
 * @param currency ISO 4217, always {@code EUR} in the generated world
 */
public record TreasuryAccount(String iban, String holderRegistrationNumber, String holderName, String currency) {
}

package lv.sargs.sandbox.ekase;

import java.math.BigDecimal;

/**
 * A Treasury account in the simulator's ledger.
 *
 * @param iban a valid {@code LVkkTREL…} IBAN
 * @param name the account holder's name
 * @param openingBalance the booked balance at the start of the ledger's first day
 */
public record SimAccount(String iban, String name, BigDecimal openingBalance) {

    /** Three state institutions' accounts with valid Treasury IBANs. */
    public static final java.util.List<SimAccount> DEFAULTS = java.util.List.of(
            new SimAccount("LV34TREL2200000000001", "Valsts iestade A", new BigDecimal("250000.00")),
            new SimAccount("LV07TREL2200000000002", "Valsts iestade B", new BigDecimal("80000.00")),
            new SimAccount("LV77TREL2200000000003", "Pasvaldiba C", new BigDecimal("1000.00")));
}

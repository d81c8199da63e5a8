package lv.sargs.gateway.treasury;

import java.time.Instant;

/**
 * One step in a payment's history.
 *
 * @param at when the gateway recorded it
 * @param state the state entered
 * @param isoStatus the pain.002 status behind it ({@code RCVD}, {@code ACSC}, {@code RJCT} …), or null
 * @param reasonCode the ISO 20022 status reason code ({@code AC01}, {@code AM04} …), or null
 * @param detail a human-readable note, or null
 */
public record StatusChange(Instant at, PaymentState state, String isoStatus, String reasonCode, String detail) {
}

package lv.sargs.gateway.statistics.report;

import java.time.Instant;

/**
 * One attempt to deliver a report's files.
 *
 * @param at when the attempt ended
 * @param succeeded whether every file was delivered
 * @param detail what happened, e.g. the failure's message
 */
public record DeliveryAttempt(Instant at, boolean succeeded, String detail) {
}

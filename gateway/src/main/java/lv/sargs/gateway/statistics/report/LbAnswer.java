package lv.sargs.gateway.statistics.report;

import java.time.Instant;
import java.util.List;

/**
 * Latvijas Banka's reply to a report, as collected from {@code STAT/IN}.
 *
 * @param replyFile the reply's file name
 * @param receivedAt when the gateway collected it
 * @param accepted whether the report was accepted
 * @param messages the reply's error (or other) lines, verbatim
 */
public record LbAnswer(String replyFile, Instant receivedAt, boolean accepted, List<String> messages) {

    public LbAnswer {
        messages = List.copyOf(messages);
    }
}

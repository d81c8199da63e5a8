package lv.sargs.gateway.treasury;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A payment as the gateway keeps it: who sent it under which idempotency key, the exact
 * pain.001 that goes to eKase (its identifiers fixed once, at store time), and its state history.
 *
 * @param id the gateway's payment id, used in the status URL
 * @param client the submitting client's name; only it can see the payment
 * @param idempotencyKey the client's {@code Idempotency-Key}
 * @param requestDigest SHA-256 (hex) of the request's media type and body, to spot a reused key
 * @param msgId the pain.001 {@code MsgId}
 * @param pmtInfIds the {@code PmtInfId}s in document order
 * @param endToEndIds the {@code EndToEndId}s in document order
 * @param pain001 the document sent to eKase, byte for byte
 * @param history every state entered, oldest first; never empty
 * @param statusReport the latest pain.002 from eKase as received, or null before the first
 * @param requestId the id of the client request that submitted it (its audit records carry it), or
 *     null for one stored before the gateway kept it
 */
public record Payment(String id, String client, String idempotencyKey, String requestDigest, String msgId,
                      List<String> pmtInfIds, List<String> endToEndIds, byte[] pain001, List<StatusChange> history,
                      byte[] statusReport, String requestId) {

    public Payment {
        pmtInfIds = List.copyOf(pmtInfIds);
        endToEndIds = List.copyOf(endToEndIds);
        history = List.copyOf(history);
        if (history.isEmpty()) {
            throw new IllegalArgumentException("payment " + id + ": empty history (expected: at least STORED)");
        }
    }

    /** The current state. */
    public PaymentState state() {
        return last().state();
    }

    /** The latest history entry. */
    public StatusChange last() {
        return history.get(history.size() - 1);
    }

    /** When the payment was stored. */
    public Instant storedAt() {
        return history.get(0).at();
    }

    /** A copy with {@code change} appended to the history. */
    public Payment with(StatusChange change) {
        return with(change, statusReport);
    }

    /** A copy with {@code change} appended and {@code report} (a pain.002) as the latest status report. */
    public Payment with(StatusChange change, byte[] report) {
        List<StatusChange> more = new ArrayList<>(history.size() + 1);
        more.addAll(history);
        more.add(change);
        return new Payment(id, client, idempotencyKey, requestDigest, msgId, pmtInfIds, endToEndIds, pain001, more, report,
                requestId);
    }

    @Override
    public String toString() {
        return "payment " + id + " (MsgId " + msgId + ", " + state() + ")";
    }
}

package lv.sargs.gateway.treasury.ekase;

import java.time.LocalDate;
import java.util.Optional;

/**
 * Everything Sargs asks of eKase, with the wire protocol (HTTPS upload or SOAP; unconfirmed)
 * behind it. Every answer is schema-validated before it is returned. Calls block the calling
 * thread: never call from an event loop.
 */
public interface EkaseAdapter extends AutoCloseable {

    /** The mode of the eKase user this adapter logs in as. */
    EkaseMode mode();

    /**
     * Imports one pain.001.001.03. Refuses with {@link EkaseException.Code#VIEW_MODE} before
     * sending anything when the user is in view mode.
     *
     * @param msgId the document's MsgId, which eKase uses to recognise a repeat
     */
    SubmitResult submit(byte[] pain001, String msgId) throws EkaseException;

    /** The latest pain.002 for {@code msgId}; empty when eKase never received that MsgId. */
    Optional<StatusReport> status(String msgId) throws EkaseException;

    /**
     * Today's unclosed-day report (camt.052) of a Treasury account for the entries booked within
     * {@code window}, asked for with a camt.060.
     */
    AccountReport accountReport(String iban, ReportWindow window) throws EkaseException;

    /** The statement (camt.053) of a closed day, asked for with a camt.060. */
    AccountReport statement(String iban, LocalDate day) throws EkaseException;

    /** Debit/credit notifications (camt.054) for entries after {@code cursor} (0: from the start). */
    AccountReport notifications(long cursor) throws EkaseException;

    /** Releases connections. */
    @Override
    void close();
}

package lv.sargs.gateway.treasury;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import lv.sargs.gateway.status.ComponentStatus;
import lv.sargs.gateway.status.State;
import lv.sargs.gateway.status.StatusModel;
import lv.sargs.gateway.treasury.ekase.AccountReport;
import lv.sargs.gateway.treasury.ekase.ReportWindow;
import lv.sargs.gateway.treasury.ekase.EkaseAdapter;
import lv.sargs.gateway.treasury.ekase.EkaseException;
import lv.sargs.gateway.treasury.ekase.EkaseMode;
import lv.sargs.gateway.treasury.ekase.StatusReport;
import lv.sargs.gateway.treasury.ekase.SubmitResult;
import org.junit.jupiter.api.Test;

/** {@code upstream.ekase} follows how eKase answers: OK, DEGRADED with the last error, FAILED. */
class ObservedEkaseTest {

    private final StatusModel status = new StatusModel(Clock.systemUTC());
    private final ScriptedEkase script = new ScriptedEkase();
    private final ObservedEkase ekase = new ObservedEkase(script, status.register("upstream.ekase", false, State.OK,
            "no call yet"));

    private ComponentStatus component() {
        return status.component("upstream.ekase").orElseThrow();
    }

    private void fails(EkaseException.Code code) {
        script.outcomes.add(new EkaseException(code, "status of SRG-1: eKase answered " + code));
        assertThrows(EkaseException.class, () -> ekase.status("SRG-1"));
    }

    @Test
    void aPassingFailureDegradesAndAnAnswerRestores() throws Exception {
        fails(EkaseException.Code.UNAVAILABLE);
        assertEquals(State.DEGRADED, component().state());
        assertTrue(component().reason().contains("UNAVAILABLE: status of SRG-1"), component().reason());

        assertEquals(Optional.empty(), ekase.status("SRG-1"));
        assertEquals(State.OK, component().state());
    }

    @Test
    void failuresInARowFail() {
        for (int i = 0; i < ObservedEkase.FAILED_AFTER - 1; i++) {
            fails(EkaseException.Code.MALFORMED_ANSWER);
        }
        assertEquals(State.DEGRADED, component().state());
        fails(EkaseException.Code.UNAVAILABLE);
        assertEquals(State.FAILED, component().state());
        assertTrue(component().reason().contains(ObservedEkase.FAILED_AFTER + " failures in a row"), component().reason());
    }

    @Test
    void refusedCredentialsFailAtOnceButNotFoundIsAnAnswer() {
        fails(EkaseException.Code.UNAUTHORIZED);
        assertEquals(State.FAILED, component().state());

        fails(EkaseException.Code.NOT_FOUND);
        assertEquals(State.OK, component().state());
    }

    /** An eKase that throws the queued failures in order, then answers "never received". */
    private static final class ScriptedEkase implements EkaseAdapter {
        final Deque<EkaseException> outcomes = new ArrayDeque<>();

        @Override
        public EkaseMode mode() {
            return EkaseMode.MANAGE;
        }

        @Override
        public SubmitResult submit(byte[] pain001, String msgId) throws EkaseException {
            throw new UnsupportedOperationException("not scripted");
        }

        @Override
        public Optional<StatusReport> status(String msgId) throws EkaseException {
            EkaseException next = outcomes.poll();
            if (next != null) {
                throw next;
            }
            return Optional.empty();
        }

        @Override
        public AccountReport accountReport(String iban, ReportWindow window) {
            throw new UnsupportedOperationException("not scripted");
        }

        @Override
        public AccountReport statement(String iban, LocalDate day) {
            throw new UnsupportedOperationException("not scripted");
        }

        @Override
        public AccountReport notifications(long cursor) {
            throw new UnsupportedOperationException("not scripted");
        }

        @Override
        public void close() {
        }
    }
}

package lv.sargs.sandbox.ekase;

import static lv.sargs.sandbox.ekase.TreasuryWorld.CREDITOR;
import static lv.sargs.sandbox.ekase.TreasuryWorld.DEBTOR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import lv.sargs.gateway.treasury.ekase.EkaseException;
import lv.sargs.gateway.treasury.ekase.ReportWindow;
import lv.sargs.gateway.treasury.ekase.StatusReport;
import lv.sargs.gateway.treasury.ekase.UpstreamEkaseAdapter;
import lv.sargs.gateway.treasury.xml.IsoMessage;
import lv.sargs.sandbox.fault.FaultPlan;
import lv.sargs.sandbox.fault.ServerCertificateMode;
import lv.sargs.testkit.CertificateAuthority;
import lv.sargs.testkit.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each fault knob of the eKase simulator, seen through the gateway's eKase adapter over its upstream client. */
class EkaseFaultsTest {

    private static final String RETRIES = "sargs_upstream_retries_total";

    private final TreasuryWorld world;
    private final UpstreamEkase upstream;

    EkaseFaultsTest() throws Exception {
        world = new TreasuryWorld();
        upstream = new UpstreamEkase(world);
    }

    @AfterEach
    void close() throws Exception {
        try {
            upstream.close();
        } finally {
            world.close();
        }
    }

    private static String status(UpstreamEkaseAdapter ekase, String msgId) throws EkaseException {
        return ekase.status(msgId).map(StatusReport::status).orElse("unknown");
    }

    @Test
    void paymentIsSentAndBookedThroughTheUpstreamClient() throws Exception {
        UpstreamEkaseAdapter ekase = upstream.adapter(Duration.ofSeconds(5));
        assertEquals("RCVD", ekase.submit(Pain001s.single("U1", "E-U1", DEBTOR, "3.00", CREDITOR), "U1").report()
                .status());
        Eventually.await(() -> status(ekase, "U1"), "ACSC"::equals, Duration.ofSeconds(5));
        assertEquals(1, world.simulator.arrivals("E-U1"));
        // The adapter checks that the camt.052 reports the account asked about.
        assertEquals(IsoMessage.CAMT_052, ekase.accountReport(DEBTOR, ReportWindow.WHOLE_DAY).message());
    }

    @Test
    void slowAnswerFailsAtTheDeadline() throws Exception {
        world.simulator.faults().set("payment-status", FaultPlan.NONE.withLatency(Duration.ofSeconds(3),
                Duration.ofSeconds(3)));
        UpstreamEkaseAdapter ekase = upstream.adapter(Duration.ofMillis(400));
        long start = System.nanoTime();
        EkaseException e = assertThrows(EkaseException.class, () -> ekase.status("U1"));
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(EkaseException.Code.UNAVAILABLE, e.code());
        assertTrue(e.getMessage().contains("DEADLINE_EXCEEDED"), e.getMessage());
        assertTrue(tookMillis < 2_000, "took " + tookMillis + " ms for a 400 ms budget");
    }

    @Test
    void resetStatusGetIsRetried() throws Exception {
        world.simulator.faults().set("payment-status", FaultPlan.NONE.withResets(1.0));
        UpstreamEkaseAdapter ekase = upstream.adapter(Duration.ofSeconds(5));
        EkaseException e = assertThrows(EkaseException.class, () -> ekase.status("U1"));
        assertEquals(EkaseException.Code.UNAVAILABLE, e.code());
        assertTrue(e.getMessage().contains("CONNECTION_RESET"), e.getMessage());
        assertEquals(2, upstream.counter(RETRIES), "attempts after the first of 3");
        assertEquals(3, world.simulator.calls().count("payment-status"));
    }

    @Test
    void resetPaymentPostIsNotResent() throws Exception {
        world.simulator.faults().set("payments", FaultPlan.NONE.withResets(1.0));
        UpstreamEkaseAdapter ekase = upstream.adapter(Duration.ofSeconds(5));
        byte[] pain001 = Pain001s.single("U2", "E-U2", DEBTOR, "4.00", CREDITOR);
        EkaseException e = assertThrows(EkaseException.class, () -> ekase.submit(pain001, "U2"));
        assertEquals(EkaseException.Code.UNAVAILABLE, e.code());
        assertTrue(e.getMessage().contains("CONNECTION_RESET"), e.getMessage());
        assertEquals(0, upstream.counter(RETRIES));
        assertEquals(0, world.simulator.arrivals("E-U2"));
        assertEquals(1, world.simulator.calls().count("payments"));
        // The resend is the submitter's decision: once the fault is gone, the same document goes through.
        world.simulator.faults().clear();
        assertEquals("RCVD", ekase.submit(pain001, "U2").report().status());
        assertEquals(1, world.simulator.arrivals("E-U2"));
    }

    @Test
    void serverErrorOnPaymentIsUnavailableAndNotResent() throws Exception {
        world.simulator.faults().set("payments", FaultPlan.NONE.withErrors(1.0, 503));
        UpstreamEkaseAdapter ekase = upstream.adapter(Duration.ofSeconds(5));
        EkaseException e = assertThrows(EkaseException.class,
                () -> ekase.submit(Pain001s.single("U3", "E-U3", DEBTOR, "5.00", CREDITOR), "U3"));
        assertEquals(EkaseException.Code.UNAVAILABLE, e.code());
        assertTrue(e.getMessage().contains("SERVER_ERROR"), e.getMessage());
        assertEquals(0, upstream.counter(RETRIES));
        assertEquals(1, world.simulator.calls().count("payments"));
    }

    @Test
    void malformedStatusIsAClearErrorAndTheNextCallWorks() throws Exception {
        UpstreamEkaseAdapter ekase = upstream.adapter(Duration.ofSeconds(5));
        ekase.submit(Pain001s.single("U4", "E-U4", DEBTOR, "6.00", CREDITOR), "U4");
        world.simulator.faults().set("payment-status", FaultPlan.NONE.withMalformedBodies(1.0));
        EkaseException e = assertThrows(EkaseException.class, () -> ekase.status("U4"));
        assertEquals(EkaseException.Code.MALFORMED_ANSWER, e.code());
        assertTrue(e.getMessage().startsWith("eKase answer: "), e.getMessage());
        world.simulator.faults().clear();
        assertTrue(ekase.status("U4").isPresent());
    }

    @Test
    void expiredServerCertificateIsRefused() throws Exception {
        assertRefusedWith(ServerCertificateMode.EXPIRED);
    }

    @Test
    void serverOutsideTheConfiguredTrustIsRefused() throws Exception {
        assertRefusedWith(ServerCertificateMode.UNTRUSTED);
    }

    /** Switches the server certificate of new handshakes; a fresh adapter makes a fresh connection. */
    private void assertRefusedWith(ServerCertificateMode mode) throws Exception {
        Instant now = Instant.now();
        HeldCertificate expired = world.ca.issue("ekase.test").server("127.0.0.1")
                .validity(now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1))).build();
        HeldCertificate untrusted = CertificateAuthority.create("Not the Treasury CA").issue("ekase.test")
                .server("127.0.0.1").build();
        try (EkaseSimulator other = EkaseSimulator.start(EkaseSimulator.Settings.loopback(world.server,
                world.ca.certificate(), List.of(new SimUser(TreasuryWorld.MANAGER, TreasuryWorld.MANAGER_PASSWORD,
                        SimUser.Mode.MANAGE))).withFaultCertificates(expired, untrusted))) {
            other.faults().serverCertificate(mode);
            UpstreamEkaseAdapter refused = upstream.adapter(other.uri(), world.ca.certificate(), Duration.ofSeconds(5));
            EkaseException e = assertThrows(EkaseException.class,
                    () -> refused.submit(Pain001s.single("U5", "E-U5", DEBTOR, "7.00", CREDITOR), "U5"));
            assertEquals(EkaseException.Code.UNAVAILABLE, e.code());
            assertTrue(e.getMessage().contains("TLS_REFUSED"), e.getMessage());
            assertEquals(0, other.arrivals("E-U5"));
            other.faults().clear();
            UpstreamEkaseAdapter trusting = upstream.adapter(other.uri(), world.ca.certificate(), Duration.ofSeconds(5));
            assertEquals("RCVD", trusting.submit(Pain001s.single("U5", "E-U5", DEBTOR, "7.00", CREDITOR), "U5")
                    .report().status());
        }
    }
}

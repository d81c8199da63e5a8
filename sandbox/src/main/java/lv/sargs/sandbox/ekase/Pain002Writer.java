package lv.sargs.sandbox.ekase;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** Writes the simulator's pain.002.001.03 status reports. */
final class Pain002Writer {

    private static final AtomicLong SEQ = new AtomicLong();

    private Pain002Writer() {
    }

    /** The status of a received payment, at group, payment-information and transaction level. */
    static byte[] status(ReceivedPayment p, SimPayments.Status status, Instant now) {
        XmlOut x = header(now);
        x.open("OrgnlGrpInfAndSts").leaf("OrgnlMsgId", p.msgId()).leaf("OrgnlMsgNmId", SimMessage.PAIN_001.id())
                .leaf("OrgnlNbOfTxs", Integer.toString(p.transferCount())).leaf("GrpSts", status.code());
        reason(x, status.reason(), status.text());
        x.close();
        String txStatus = "RCVD".equals(status.code()) ? null : status.code();
        for (ReceivedPayment.Batch b : p.batches()) {
            x.open("OrgnlPmtInfAndSts").leaf("OrgnlPmtInfId", b.pmtInfId()).leaf("PmtInfSts", status.code());
            for (ReceivedPayment.Transfer t : b.transfers()) {
                x.open("TxInfAndSts").leaf("OrgnlEndToEndId", t.endToEndId()).leaf("TxSts", txStatus);
                reason(x, status.reason(), null);
                x.close();
            }
            x.close();
        }
        return x.finish();
    }

    /** A rejection of a document that could not be read: ISO reason FF01 (invalid file format). */
    static byte[] invalidFile(String msgId, String why, Instant now) {
        XmlOut x = header(now);
        x.open("OrgnlGrpInfAndSts").leaf("OrgnlMsgId", msgId).leaf("OrgnlMsgNmId", SimMessage.PAIN_001.id())
                .leaf("GrpSts", "RJCT");
        x.open("StsRsnInf").path("FF01", "Rsn", "Cd");
        // AddtlInf is Max105Text, repeatable: a longer reason goes out in parts, in order.
        for (int i = 0; i < why.length() && i < 105 * 10; i += 105) {
            x.leaf("AddtlInf", why.substring(i, Math.min(why.length(), i + 105)));
        }
        x.close();
        x.close();
        return x.finish();
    }

    private static XmlOut header(Instant now) {
        XmlOut x = new XmlOut(SimMessage.PAIN_002, "CstmrPmtStsRpt");
        x.open("GrpHdr").leaf("MsgId", "EKASE-STS-" + SEQ.incrementAndGet()).leaf("CreDtTm", XmlOut.dateTime(now))
                .path("Valsts kase", "InitgPty", "Nm").close();
        return x;
    }

    private static void reason(XmlOut x, String code, String text) {
        if (code != null) {
            x.open("StsRsnInf").path(code, "Rsn", "Cd").leaf("AddtlInf", text).close();
        }
    }
}

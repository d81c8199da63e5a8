package lv.sargs.sandbox.ekase;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;

/** Minimal valid pain.001.001.03 documents for tests that talk to eKase directly. */
final class Pain001s {

    private Pain001s() {
    }

    static byte[] single(String msgId, String endToEndId, String debtorIban, String amount, String creditorIban) {
        String today = LocalDate.now(ZoneId.of("Europe/Riga")).toString();
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pain.001.001.03\"><CstmrCdtTrfInitn>"
                + "<GrpHdr><MsgId>" + msgId + "</MsgId><CreDtTm>2026-11-21T09:00:00</CreDtTm><NbOfTxs>1</NbOfTxs>"
                + "<CtrlSum>" + amount + "</CtrlSum><InitgPty><Nm>Valsts iestade A</Nm></InitgPty></GrpHdr>"
                + "<PmtInf><PmtInfId>" + msgId + "-P1</PmtInfId><PmtMtd>TRF</PmtMtd><NbOfTxs>1</NbOfTxs>"
                + "<CtrlSum>" + amount + "</CtrlSum><ReqdExctnDt>" + today + "</ReqdExctnDt>"
                + "<Dbtr><Nm>Valsts iestade A</Nm></Dbtr><DbtrAcct><Id><IBAN>" + debtorIban + "</IBAN></Id></DbtrAcct>"
                + "<DbtrAgt><FinInstnId><BIC>TRELLV22</BIC></FinInstnId></DbtrAgt>"
                + "<CdtTrfTxInf><PmtId><EndToEndId>" + endToEndId + "</EndToEndId></PmtId>"
                + "<Amt><InstdAmt Ccy=\"EUR\">" + amount + "</InstdAmt></Amt><Cdtr><Nm>SIA Piegadatajs</Nm></Cdtr>"
                + "<CdtrAcct><Id><IBAN>" + creditorIban + "</IBAN></Id></CdtrAcct>"
                + "<RmtInf><Ustrd>Rekins " + endToEndId + "</Ustrd></RmtInf></CdtTrfTxInf></PmtInf>"
                + "</CstmrCdtTrfInitn></Document>").getBytes(StandardCharsets.UTF_8);
    }
}

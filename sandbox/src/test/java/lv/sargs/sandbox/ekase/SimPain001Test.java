package lv.sargs.sandbox.ekase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The simulated eKase reads and checks a pain.001 with its own code, naming each problem's element. */
class SimPain001Test {

    private static String client() throws IOException {
        try (InputStream in = SimPain001Test.class.getResourceAsStream("pain001-client.xml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String refused(String document) {
        return assertThrows(SimXml.Refused.class, () -> SimPain001.read(document.getBytes(StandardCharsets.UTF_8)))
                .getMessage();
    }

    @Test
    void readsAClientsPain001() throws Exception {
        SimPain001 read = SimPain001.read(client().getBytes(StandardCharsets.UTF_8));
        assertEquals("CLIENT-MSG-1", read.msgId());
        assertEquals(List.of("CLIENT-E2E-1", "CLIENT-E2E-2"), read.endToEndIds());
        assertEquals("CLIENT-PMT-1", read.batches().get(0).pmtInfId());
    }

    @Test
    void refusesWhatTheTreasuryWouldNotImport() throws Exception {
        String doc = client();
        assertTrue(refused(doc.replace("<NbOfTxs>2</NbOfTxs>\n      <CtrlSum>150.25</CtrlSum>\n      <InitgPty>",
                "<NbOfTxs>3</NbOfTxs>\n      <CtrlSum>150.25</CtrlSum>\n      <InitgPty>"))
                .contains("GrpHdr/NbOfTxs: 3 (expected: 2)"));
        assertTrue(refused(doc.replace(">100.00<", ">1e2<"))
                .contains("PmtInf[1]/CdtTrfTxInf[1]/Amt/InstdAmt: 1e2 (expected: more than 0 with at most 2 decimals)"));
        assertTrue(refused(doc.replace("<PmtMtd>TRF</PmtMtd>", "<PmtMtd>CHK</PmtMtd>"))
                .contains("PmtInf[1]/PmtMtd: CHK (expected: TRF)"));
        assertTrue(refused(doc.replace("CLIENT-E2E-2", "E".repeat(36)))
                .contains("PmtInf[1]/CdtTrfTxInf[2]/PmtId/EndToEndId: 36 characters (expected: 1-35)"));
        assertTrue(refused(doc.replace("pain.001.001.03", "pain.001.001.09"))
                .contains("(expected: {urn:iso:std:iso:20022:tech:xsd:pain.001.001.03}Document)"));
        assertTrue(refused(doc.replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
                "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x \"y\">]>")).contains("without a DOCTYPE"));
    }
}
